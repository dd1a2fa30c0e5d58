@testable import EventStore
import Foundation
import GRDB
import Testing
#if canImport(GRDBSQLite)
import GRDBSQLite
#else
import SQLite3
#endif

/// What a storing run relies on before it marks messages processed: a commit is on disk when the
/// call returns (the writer syncs the log at each commit), and the log is folded into the database
/// file after each batch, off the storing thread.
@Suite("Durability")
struct DurabilityTests {
    /// GRDB sets `synchronous = NORMAL` when it turns a pool's writer to WAL mode (after the
    /// configuration's own setup), under which a commit reaches the disk only at the next
    /// checkpoint; `SQLiteStore` sets FULL again after that. It was NORMAL before.
    @Test func theWriterSyncsTheLogAtEachCommit() throws {
        try EventStoreTests.withStore { (store: SQLiteStore, path: String) throws in
            #expect(try Self.setting("synchronous", of: store) == 2)  // FULL (https://sqlite.org/pragma.html#pragma_synchronous)
            // Again after a storing run, which changes the writer's checkpoint setting meanwhile.
            _ = try store.store([(EventStoreTests.entry("one"), [])])
            #expect(try Self.setting("synchronous", of: store) == 2)
        }
    }

    /// A batch smaller than SQLite's automatic checkpoint (1,000 pages of log) is in the database
    /// file itself once a later write returns: the next write waits for the checkpoint `store`
    /// queues after its commit.
    @Test func aStoredBatchReachesTheDatabaseFileBeforeTheNextWrite() throws {
        try EventStoreTests.withStore { (store: SQLiteStore, path: String) throws in
            let date = Date(timeIntervalSince1970: 1_800_000_000)
            let batch = (0..<20).map { index in
                (EventStoreTests.entry("message \(index)", at: date),
                 [EventStoreTests.event("bounce", "r\(index)@example.test", at: date)])
            }
            // The schema first, so that the file alone can be read: the migrations' commits are
            // small, and SQLite's own checkpoint leaves them in the log.
            _ = try DatabaseQueue(path: path).writeWithoutTransaction { try $0.checkpoint(.truncate) }
            #expect(try Self.rows(in: "ledger", ofFile: path) == 0)
            #expect(try store.store(batch).count == 20)
            #expect(try store.store([]).isEmpty)  // waits for the checkpoint queued by the first
            #expect(try Self.rows(in: "ledger", ofFile: path) == 20)
            #expect(try Self.rows(in: "events", ofFile: path) == 20)
            // The log itself is still read: nothing was lost on the way.
            #expect(try store.messageCounts(since: nil).messages == 20)
        }
    }

    /// The value of SQLite setting `name` (`PRAGMA name`) on the store's writer connection.
    static func setting(_ name: String, of store: SQLiteStore) throws -> Int? {
        try store.writing("reading \(name)") { try Int.fetchOne($0.db, sql: "PRAGMA \(name)") }
    }

    /// The rows of `table` in the database file alone: `immutable=1` has SQLite read the file
    /// without its log (-wal), as if no other connection could have written it.
    static func rows(in table: String, ofFile path: String) throws -> Int {
        var connection: OpaquePointer?
        defer { sqlite3_close(connection) }
        let status = sqlite3_open_v2("file:\(path)?immutable=1", &connection, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, nil)
        try #require(status == SQLITE_OK)
        var statement: OpaquePointer?
        defer { sqlite3_finalize(statement) }
        try #require(sqlite3_prepare_v2(connection, "SELECT count(*) FROM \(table)", -1, &statement, nil) == SQLITE_OK)
        try #require(sqlite3_step(statement) == SQLITE_ROW)
        return Int(sqlite3_column_int64(statement, 0))
    }
}
