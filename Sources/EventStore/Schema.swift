import Foundation

/// The database layout: the top-level `schema.sql`, embedded in the binary at build time, and the
/// migrations it holds.
///
/// A line `-- migration: NAME` starts a migration; what follows, up to the next such line, is its SQL.
/// Migrations are append-only: a shipped one is never edited (see `MigrationTests`).
public enum Schema {
    /// `schema.sql`, byte for byte.
    public static var bytes: [UInt8] { PackageResources.schema_sql }

    /// `schema.sql` as text.
    public static var text: String { String(decoding: bytes, as: UTF8.self) }

    /// One migration: its name and the SQL it runs.
    public struct Migration: Sendable, Equatable {
        public let name: String
        public let sql: String
    }

    static let marker = "-- migration: "

    /// The migrations in `schema.sql`, in file order. Text before the first marker is commentary.
    public static let migrations: [Migration] = parseMigrations(text)

    static func parseMigrations(_ text: String) -> [Migration] {
        var migrations: [Migration] = []
        var name: String?
        var lines: [Substring] = []
        func close() {
            if let name { migrations.append(Migration(name: name, sql: lines.joined(separator: "\n"))) }
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix(marker) {
                close()
                name = line.dropFirst(marker.count).trimmingCharacters(in: .whitespaces)
                lines = []
            } else if name != nil {
                lines.append(line)
            }
        }
        close()
        return migrations
    }
}
