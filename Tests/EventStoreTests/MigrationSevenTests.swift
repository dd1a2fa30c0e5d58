import EventStore
import Foundation
import GRDB
import Testing

/// Migration 7 writes the ledger's source check as comparisons, in place: an insert then builds
/// no temporary index, the check accepts and refuses what it did, and stored rows stay as they are.
@Suite("Migration 7")
struct MigrationSevenTests {
    static let insert = """
        INSERT INTO ledger (source_kind, source_ref, sha256, size, received_at, parser_version, outcome)
        VALUES (?, 'ref', randomblob(32), 1, '2026-03-03 00:00:00.000', '0.1.0', 'classified')
        """

    /// Whether the ledger insert's program opens an ephemeral table (SQLite's EXPLAIN).
    static func insertOpensEphemeralTable(_ db: Database) throws -> Bool {
        try Row.fetchAll(db, sql: "EXPLAIN " + insert, arguments: ["maildir"]).contains { $0["opcode"] == "OpenEphemeral" }
    }

    @Test func aDatabaseOfTheEarlierLayoutIsChangedInPlace() throws {
        let path = NSTemporaryDirectory() + "v6-\(UUID().uuidString).sqlite"
        defer { MigrationFiveTests.remove(path) }
        var migrator = DatabaseMigrator()
        for migration in Schema.migrations.prefix(6) {
            migrator.registerMigration(migration.name) { db in try db.execute(sql: migration.sql) }
        }
        let queue = try DatabaseQueue(path: path)
        try migrator.migrate(queue)
        let before = try queue.write { db -> [Row] in
            // The earlier check is the costly one: the test would prove nothing otherwise.
            #expect(try Self.insertOpensEphemeralTable(db))
            for kind in ["maildir", "imap", "stdin", "file"] { try db.execute(sql: Self.insert, arguments: [kind]) }
            return try Row.fetchAll(db, sql: "SELECT * FROM ledger ORDER BY id")
        }
        try queue.close()

        _ = try SQLiteStore(path: path)   // applies migration 7

        let reopened = try DatabaseQueue(path: path)
        try reopened.write { db in
            #expect(try Row.fetchAll(db, sql: "SELECT * FROM ledger ORDER BY id") == before)
            #expect(try String.fetchOne(db, sql: "PRAGMA integrity_check") == "ok")
            #expect(try !Self.insertOpensEphemeralTable(db))
            let definition = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_schema WHERE name = 'ledger'") ?? ""
            #expect(definition.contains("CHECK (source_kind = 'maildir' OR source_kind = 'imap' OR source_kind = 'stdin' OR source_kind = 'file')"))
            #expect(try Bool.fetchOne(db, sql: "SELECT count(*) = 0 FROM sqlite_schema WHERE name = 'schema_reload'") == true)
            for kind in ["maildir", "imap", "stdin", "file"] { try db.execute(sql: Self.insert, arguments: [kind]) }
            for kind in ["Maildir", "pop3", "", "maildir "] {
                #expect(throws: DatabaseError.self) { try db.execute(sql: Self.insert, arguments: [kind]) }
            }
        }
        try reopened.close()
    }

    /// The connection that ran the migration reads the new check at once (the store's own writer
    /// stores right after migrating), not only connections opened later.
    @Test func theMigratingConnectionUsesTheNewCheck() throws {
        let path = NSTemporaryDirectory() + "v7-\(UUID().uuidString).sqlite"
        defer { MigrationFiveTests.remove(path) }
        let queue = try DatabaseQueue(path: path)
        var migrator = DatabaseMigrator()
        for migration in Schema.migrations {
            migrator.registerMigration(migration.name) { db in try db.execute(sql: migration.sql) }
        }
        try migrator.migrate(queue)
        let opens = try queue.write { db in try Self.insertOpensEphemeralTable(db) }
        #expect(!opens)
        try queue.close()
    }
}
