/// A storing run's transaction on the writer connection, open from the first batch stored after a
/// commit to the next commit (`StoringTransaction`). The commit is durable (`synchronous = FULL`)
/// and, like a single batch's, checkpoints the log afterwards on the writer's queue, not inside.
/// A batch that fails to store rolls the whole transaction back.
final class SQLiteStoringTransaction: StoringTransaction {
    private let store: SQLiteStore
    private var isOpen = false

    init(store: SQLiteStore) {
        self.store = store
    }

    var commitsEachBatch: Bool { false }

    deinit {
        rollback()
    }

    func store(_ messages: [StoredMessage], advancing cursor: Cursor?) throws(StoreError) -> [StoreResult] {
        try store.writing("storing messages") { session in
            if !isOpen {
                try session.beginStoring()
                isOpen = true
            }
            do {
                return try session.storeInOpenTransaction(messages, advancing: cursor)
            } catch {
                session.rollBackStoring()
                isOpen = false
                throw error
            }
        }
    }

    func commit() throws(StoreError) {
        guard isOpen else { return }
        isOpen = false
        try store.writing("storing messages") { session in try session.commitStoring() }
        store.checkpointInBackground()
    }

    func rollback() {
        guard isOpen else { return }
        isOpen = false
        _ = try? store.writing("rolling back a storing run") { session in session.rollBackStoring() }
    }
}
