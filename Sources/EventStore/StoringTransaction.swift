/// The batches of one storing run committed together: `store` adds a batch to a transaction that
/// stays open between calls, and `commit` makes everything stored since the last commit durable
/// at once. A storing run classifies and holds a few megabytes of messages at a time, but commits
/// a thousand messages or more at once: each commit rewrites every index page its inserts touched,
/// and the indexes a run fills in no order (SHA-256, time, recipient, reason) have their pages
/// touched again by every batch, so fewer, larger commits write those pages fewer times.
///
/// Nothing is lost whatever happens before `commit` returns: the caller marks a message processed
/// only after the commit that holds it, and a message stored but not marked is read again by the
/// next run and found stored (by its SHA-256).
///
/// Used from one thread. While a transaction is open, other writes of this process through the
/// same store fail or wait for it: a storing run that writes anything else while reading (an IMAP
/// source renews its folder's lease) commits each batch on its own.
public protocol StoringTransaction: AnyObject {
    /// Whether each `store` commits on its own (`EachBatchCommitted`): the caller then gains
    /// nothing from storing a transaction's messages in several batches.
    var commitsEachBatch: Bool { get }
    /// Stores messages as `EventStore.store(_:advancing:)` does, in the open transaction (the first
    /// call after a commit begins one). Not durable until `commit` returns. If it throws, nothing
    /// stored since the last commit is kept.
    func store(_ messages: [StoredMessage], advancing cursor: Cursor?) throws(StoreError) -> [StoreResult]
    /// Commits what was stored since the last commit; on disk when it returns. If it throws,
    /// nothing stored since the last commit is kept.
    func commit() throws(StoreError)
    /// Ends the open transaction (a run ending on an error). What was stored since the last commit
    /// is dropped, or kept by a store that commits every batch (`EachBatchCommitted`): either way
    /// its messages are unmarked and are read again.
    func rollback()
}

/// A storing transaction that commits each batch as it is stored: for a store that keeps no
/// transaction open between calls (PostgreSQL: `EventStore.storingTransaction()`'s default).
public final class EachBatchCommitted: StoringTransaction {
    private let store: any EventStore

    public init(store: any EventStore) {
        self.store = store
    }

    public var commitsEachBatch: Bool { true }

    public func store(_ messages: [StoredMessage], advancing cursor: Cursor?) throws(StoreError) -> [StoreResult] {
        try store.store(messages, advancing: cursor)
    }

    public func commit() throws(StoreError) {}

    public func rollback() {}
}
