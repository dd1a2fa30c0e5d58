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
    public static let migrations: [Migration] = parseMigrations(bytes)

    /// Splits `text` at its marker lines, reading bytes: every run of `events` does this at start,
    /// so it costs a scan of the file, not a string per line.
    package static func parseMigrations(_ bytes: [UInt8]) -> [Migration] {
        let marker = Array(Self.marker.utf8)
        var markerLines: [Range<Int>] = []
        var lineStart = 0
        while lineStart < bytes.count {
            let lineEnd = bytes[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
            if bytes[lineStart..<lineEnd].starts(with: marker) { markerLines.append(lineStart..<lineEnd) }
            lineStart = lineEnd + 1
        }
        return markerLines.indices.map { index in
            let line = markerLines[index]
            let name = String(decoding: bytes[(line.lowerBound + marker.count)..<line.upperBound], as: UTF8.self)
                .trimmingCharacters(in: .whitespaces)
            // The lines up to the next marker line, without the line break that ends the last of
            // them; the last migration runs to the end of the file.
            let start = min(line.upperBound + 1, bytes.count)
            let end = index + 1 < markerLines.count ? markerLines[index + 1].lowerBound - 1 : bytes.count
            return Migration(name: name, sql: start < end ? String(decoding: bytes[start..<end], as: UTF8.self) : "")
        }
    }
}
