import EventStore
import Foundation
import PostgresNIO

/// `schema-postgres.sql`, embedded in the binary, and how it is applied.
public enum PostgresSchema {
    /// The file, byte for byte.
    public static var bytes: [UInt8] { PackageResources.schema_postgres_sql }

    /// Its migrations, in file order, with the same names as schema.sql's.
    public static let migrations: [Schema.Migration] = Schema.parseMigrations(bytes)

    /// An arbitrary constant: the advisory lock that makes concurrent first starts wait for the
    /// one applying migrations.
    static let migrationLock: Int64 = 0x4D61_696C_4576

    /// Applies the migrations the database has not had, each in its own transaction, all under an
    /// advisory lock taken first in each: a second worker starting at the same moment waits, then
    /// finds them applied.
    static func migrate(_ session: PostgresSession) throws(StoreError) {
        let action = "applying the schema"
        for migration in migrations {
            try session.transaction(action) {
                try session.execute("SELECT pg_advisory_xact_lock(\(migrationLock))", action)
                try session.execute("""
                    CREATE TABLE IF NOT EXISTS schema_migrations (
                        name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())
                    """, action)
                let done = try session.query("SELECT 1 FROM schema_migrations WHERE name = \(migration.name)", action)
                guard done.isEmpty else { return }
                for statement in statements(migration.sql) {
                    try session.execute(PostgresQuery(unsafeSQL: statement), "\(action) (migration \(migration.name))")
                }
                try session.execute("INSERT INTO schema_migrations (name) VALUES (\(migration.name))", action)
            }
        }
    }

    /// Fails unless every migration has been applied.
    static func requireCurrent(_ session: PostgresSession) throws(StoreError) {
        let action = "reading the schema version"
        let exists = try session.query("SELECT to_regclass('schema_migrations') IS NOT NULL", action)
        var applied = Set<String>()
        if (try? exists.first?.first(Bool.self)) == true {
            for row in try session.query("SELECT name FROM schema_migrations", action) {
                if let name = try? row.first(String.self) { applied.insert(name) }
            }
        }
        if !migrations.allSatisfy({ applied.contains($0.name) }) {
            throw StoreError.cannotOpen(session.location.description,
                                        reason: "its schema is older than this version of events; a run that writes "
                                        + "(events ingest), as a role that may change the schema, brings it up to date")
        }
    }

    /// A migration's statements: it is split at each semicolon that ends a line outside quotes;
    /// comment lines are dropped. (The file uses no dollar quoting.)
    static func statements(_ sql: String) -> [String] {
        var statements: [String] = [], current = ""
        for line in sql.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("--") || trimmed.isEmpty { continue }
            current += line + "\n"
            if trimmed.hasSuffix(";") && current.filter({ $0 == "'" }).count % 2 == 0 {
                statements.append(String(current.trimmingCharacters(in: .whitespacesAndNewlines).dropLast()))
                current = ""
            }
        }
        let rest = current.trimmingCharacters(in: .whitespacesAndNewlines)
        if !rest.isEmpty { statements.append(rest) }
        return statements
    }
}
