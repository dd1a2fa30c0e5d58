import EventStore
import Foundation
import GRDB
import Testing

/// Migration 2 rebuilds `events` (nullable ledger row, `verified`) and must keep every event of a
/// database made by migration 1, with its id.
@Suite("Migration 2")
struct MigrationTwoTests {
    @Test func aVersionOneDatabaseKeepsItsEvents() throws {
        let path = NSTemporaryDirectory() + "v1-\(UUID().uuidString).sqlite"
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let first = try #require(Schema.migrations.first)
        let queue = try DatabaseQueue(path: path)
        var migrator = DatabaseMigrator()
        migrator.registerMigration(first.name) { db in try db.execute(sql: first.sql) }
        try migrator.migrate(queue)
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO ledger (id, source_kind, source_ref, sha256, size, received_at, parser_version, outcome)
                VALUES (5, 'file', 'a.eml', zeroblob(32), 10, '2026-01-01 00:00:00.000', '0.1.0', 'classified');
                INSERT INTO events (id, ledger_id, kind, recipient, reason, detector, occurred_at)
                VALUES (41, 5, 'bounce', 'a@b.test', 'userunknown', 'dsn', '2026-01-01 00:00:00.000'),
                       (42, 5, 'delay', 'c@d.test', 'expired', 'dsn', '2026-01-02 00:00:00.000');
                """)
        }
        try queue.close()

        let store = try SQLiteStore(path: path)
        var events: [Event] = []
        try store.forEachEvent(matching: EventFilter(), limit: nil) { events.append($0) }
        #expect(events.map(\.id) == [42, 41])
        #expect(events.allSatisfy { $0.ledgerID == 5 && $0.verified == nil && $0.outgoingID == nil })
        var failed: [Event] = []
        try store.forEachEvent(matching: EventFilter(failedOnly: true), limit: nil) { failed.append($0) }
        #expect(failed.map(\.id) == [41])
    }

    @Test func unverifiedBouncesAreNotFailures() throws {
        let path = NSTemporaryDirectory() + "v2-\(UUID().uuidString).sqlite"
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let store = try SQLiteStore(path: path)
        let entry = LedgerEntry(sourceKind: .file, sourceRef: "x", messageID: nil, sha256: Data(count: 32), size: 1,
                                receivedAt: Date(), parserVersion: "t", outcome: .classified, raw: nil)
        _ = try store.store(entry, events: [
            Event(kind: "bounce", recipient: "forged@x.test", reason: "userunknown", detector: "t", occurredAt: Date(),
                  matchMethod: "tag", verified: false),
            Event(kind: "bounce", recipient: "plain@x.test", reason: "userunknown", detector: "t", occurredAt: Date()),
        ])
        var failed: [String] = []
        try store.forEachEvent(matching: EventFilter(failedOnly: true), limit: nil) { failed.append($0.recipient ?? "") }
        #expect(failed == ["plain@x.test"])
        let stats = try store.statistics(since: nil)
        #expect(stats.topFailingDomains.map(\.name) == ["x.test"] && stats.topFailingDomains.first?.count == 1)
    }
}
