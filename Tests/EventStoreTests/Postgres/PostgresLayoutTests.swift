import EventStore
import Foundation
import GRDB
import PostgresEventStore
import Testing

/// schema.sql and schema-postgres.sql give the same layout: the same migrations in the same order,
/// the same tables with the same columns in the same order, the same named indexes.
@Suite("PostgreSQL layout", .enabled(if: PostgresTestServer.isAvailable, PostgresTestServer.unavailable))
struct PostgresLayoutTests {
    @Test func theMigrationsAreTheSameInTheSameOrder() {
        #expect(PostgresSchema.migrations.map(\.name) == Schema.migrations.map(\.name))
    }

    /// Indexes only PostgreSQL has, each standing in for something SQLite declares otherwise.
    static let postgresOnlyIndexes: Set<String> = [
        "companies_name", // SQLite: companies.name UNIQUE COLLATE NOCASE (an automatic index)
    ]

    @Test func bothEnginesHaveTheSameTablesColumnsAndIndexes() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("layout-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("events.sqlite").path
        _ = try SQLiteStore(path: path)
        let sqlite = try DatabaseQueue(path: path).read { db -> Layout in
            var layout = Layout()
            for table in try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'grdb_migrations'
                """) {
                layout.columns[table] = try String.fetchAll(db, sql: "SELECT name FROM pragma_table_info(?) ORDER BY cid",
                                                            arguments: [table])
            }
            layout.indexes = Set(try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
                """))
            return layout
        }

        let server = try PostgresTestServer.shared.get()
        let database = try server.database()
        defer { database.drop() }
        _ = try database.open()
        var postgres = Layout()
        let columns = try server.superuser("""
            SELECT table_name || ':' || string_agg(column_name, ',' ORDER BY ordinal_position) FROM information_schema.columns
            WHERE table_schema = 'public' AND table_name <> 'schema_migrations' GROUP BY table_name
            """, database: database.name)[""] ?? ""
        for line in columns.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            postgres.columns[String(parts[0])] = parts.count > 1 ? parts[1].split(separator: ",").map(String.init) : []
        }
        let indexes = try server.superuser("""
            SELECT indexname FROM pg_indexes WHERE schemaname = 'public' AND tablename <> 'schema_migrations'
            AND indexname NOT LIKE '%\\_pkey' AND indexname NOT LIKE '%\\_key'
            """, database: database.name)[""] ?? ""
        postgres.indexes = Set(indexes.split(separator: "\n").map(String.init)).subtracting(Self.postgresOnlyIndexes)

        #expect(!sqlite.columns.isEmpty)
        #expect(postgres.columns.keys.sorted() == sqlite.columns.keys.sorted())
        for (table, names) in sqlite.columns {
            #expect(postgres.columns[table] == names, "columns of \(table)")
        }
        #expect(postgres.indexes == sqlite.indexes)
    }

    struct Layout {
        var columns: [String: [String]] = [:]
        var indexes: Set<String> = []
    }
}
