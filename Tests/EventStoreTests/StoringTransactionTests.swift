@testable import EventStore
import Foundation
import Testing

/// A storing run's transaction on SQLite: several batches committed at once, seen by no other
/// connection before the commit, and dropped whole by a failing batch or a rollback.
@Suite("Storing transaction")
struct StoringTransactionTests {
    static let date = Date(timeIntervalSince1970: 1_800_000_000)

    static func message(_ name: String) -> StoredMessage {
        (EventStoreTests.entry(name, at: date), [EventStoreTests.event("bounce", "\(name)@example.test", at: date)])
    }

    @Test func batchesAreCommittedTogetherAndSeenOnlyAfterTheCommit() throws {
        try EventStoreTests.withStore { (store: SQLiteStore, path: String) throws in
            let other = try SQLiteStore(path: path)  // another process's connection
            let transaction = store.storingTransaction()
            #expect(!transaction.commitsEachBatch)
            let cursor = Cursor(source: "test:folder", uidValidity: 7, lastUID: 3, updatedAt: Self.date)
            #expect(try transaction.store([Self.message("a")], advancing: nil).count == 1)
            let second = try transaction.store([Self.message("b"), Self.message("a")], advancing: cursor)
            guard case .stored = second[0], case .duplicate = second[1] else {
                Issue.record("expected b stored and a found stored earlier in the transaction: \(second)")
                return
            }
            #expect(try other.messageCounts(since: nil).messages == 0)
            #expect(try other.cursor(for: "test:folder") == nil)
            try transaction.commit()
            #expect(try other.messageCounts(since: nil).messages == 2)
            #expect(try other.cursor(for: "test:folder")?.lastUID == 3)
            // The writer is free again, and the next batch begins a new transaction.
            #expect(try store.store([Self.message("c")]).count == 1)
            #expect(try transaction.store([Self.message("d")], advancing: nil).count == 1)
            #expect(try other.messageCounts(since: nil).messages == 3)
            try transaction.commit()
            #expect(try other.messageCounts(since: nil).messages == 4)
        }
    }

    @Test func aFailingBatchDropsTheWholeTransaction() throws {
        try EventStoreTests.withStore { (store: SQLiteStore, _: String) throws in
            let transaction = store.storingTransaction()
            _ = try transaction.store([Self.message("a")], advancing: nil)
            var broken = Self.message("b")
            broken.entry.sha256 = Data([1, 2, 3])  // violates CHECK (length(sha256) = 32)
            #expect(throws: StoreError.self) { try transaction.store([Self.message("c"), broken], advancing: nil) }
            try transaction.commit()  // nothing open: nothing to commit
            #expect(try store.messageCounts(since: nil).messages == 0)
            // The transaction can be used again.
            _ = try transaction.store([Self.message("a")], advancing: nil)
            try transaction.commit()
            #expect(try store.messageCounts(since: nil).messages == 1)
        }
    }

    @Test func aRollbackDropsWhatWasStoredSinceTheCommit() throws {
        try EventStoreTests.withStore { (store: SQLiteStore, _: String) throws in
            let transaction = store.storingTransaction()
            _ = try transaction.store([Self.message("a")], advancing: nil)
            try transaction.commit()
            _ = try transaction.store([Self.message("b")], advancing: nil)
            transaction.rollback()
            try transaction.commit()
            #expect(try store.messageCounts(since: nil).messages == 1)
            #expect(try store.store([Self.message("b")]).count == 1, "the writer takes writes again")
        }
    }

    /// As after a single batch's commit: the log is folded into the database file before the
    /// next write.
    @Test func aCommittedTransactionReachesTheDatabaseFileBeforeTheNextWrite() throws {
        try EventStoreTests.withStore { (store: SQLiteStore, path: String) throws in
            _ = try store.store([])
            try store.writing("checkpointing") { _ = try $0.db.checkpoint(.truncate) }
            #expect(try DurabilityTests.rows(in: "ledger", ofFile: path) == 0)
            let transaction = store.storingTransaction()
            for batch in 0..<3 {
                _ = try transaction.store((0..<10).map { Self.message("m\(batch)-\($0)") }, advancing: nil)
            }
            try transaction.commit()
            #expect(try store.store([]).isEmpty)  // waits for the checkpoint queued by the commit
            #expect(try DurabilityTests.rows(in: "ledger", ofFile: path) == 30)
            #expect(try DurabilityTests.rows(in: "events", ofFile: path) == 30)
        }
    }
}
