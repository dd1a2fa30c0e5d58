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
        // Usually there is nothing to do: one read, and no DDL, so a role that may write rows but
        // not change the schema can run every command once the owner has applied the migrations.
        let applied = try appliedMigrations(session)
        for migration in migrations where !applied.contains(migration.name) {
            try session.transaction(action) {
                try session.execute("SELECT pg_advisory_xact_lock(\(migrationLock))", action)
                // A migration may rebuild an index over millions of rows: no statement timeout.
                try session.execute("SET LOCAL statement_timeout = 0", action)
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

    /// The names of the migrations the database has had (none when it is new).
    static func appliedMigrations(_ session: PostgresSession) throws(StoreError) -> Set<String> {
        let action = "reading the schema version"
        let exists = try session.query("SELECT to_regclass('schema_migrations') IS NOT NULL", action)
        var applied = Set<String>()
        if (try? exists.first?.first(Bool.self)) == true {
            for row in try session.query("SELECT name FROM schema_migrations", action) {
                if let name = try? row.first(String.self) { applied.insert(name) }
            }
        }
        return applied
    }

    /// Fails unless every migration has been applied.
    static func requireCurrent(_ session: PostgresSession) throws(StoreError) {
        let applied = try appliedMigrations(session)
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
