import EventStore
import Foundation
import NIOCore
import PostgresNIO

/// A time as the event store keeps it: whole milliseconds (SQLite's text times hold milliseconds,
/// so both stores give back the same `Date`), sent to and read from timestamptz exactly, without
/// the floating-point truncation of `Date`'s own encoding.
struct Timestamp: PostgresNonThrowingEncodable, PostgresDecodable, Sendable {
    let milliseconds: Int64

    init(_ date: Date) {
        milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
    }

    var date: Date { Date(timeIntervalSince1970: Double(milliseconds) / 1000) }

    /// 2000-01-01, PostgreSQL's epoch, in milliseconds since 1970.
    private static let epoch: Int64 = 946_684_800_000

    static var psqlType: PostgresDataType { .timestamptz }
    static var psqlFormat: PostgresFormat { .binary }

    func encode<JSONEncoder: PostgresJSONEncoder>(into buffer: inout ByteBuffer,
                                                  context: PostgresEncodingContext<JSONEncoder>) {
        buffer.writeInteger((milliseconds - Self.epoch) * 1000)
    }

    init<JSONDecoder: PostgresJSONDecoder>(from buffer: inout ByteBuffer, type: PostgresDataType,
                                           format: PostgresFormat, context: PostgresDecodingContext<JSONDecoder>) throws {
        guard type == .timestamptz || type == .timestamp, format == .binary,
              let microseconds = buffer.readInteger(as: Int64.self) else { throw PostgresDecodingError.Code.typeMismatch }
        // Floor division, so times before 2000 round the same way as after.
        let shifted = microseconds >= 0 ? microseconds / 1000 : (microseconds - 999) / 1000
        milliseconds = shifted + Self.epoch
    }
}

/// Reads a row's columns in the order the statement named them.
struct ColumnReader {
    private let cells: [PostgresCell]
    private var index = 0
    let action: String

    init(_ row: PostgresRow, _ action: String) {
        cells = Array(row)
        self.action = action
    }

    mutating func next<T: PostgresDecodable>(_ type: T.Type = T.self) throws -> T {
        defer { index += 1 }
        guard index < cells.count else { throw DecodingFailure(description: "too few columns \(action)") }
        do {
            return try cells[index].decode(T.self)
        } catch {
            throw DecodingFailure(description: "column \(cells[index].columnName) \(action): \(error)")
        }
    }

    mutating func date() throws -> Date { try next(Timestamp.self).date }
    mutating func optionalDate() throws -> Date? { try next(Timestamp?.self)?.date }
    mutating func data() throws -> Data { try next(Data.self) }
}

struct DecodingFailure: Error, CustomStringConvertible {
    let description: String
}

extension PostgresRow {
    /// The first column, decoded.
    func first<T: PostgresDecodable>(_ type: T.Type = T.self) throws -> T {
        var reader = ColumnReader(self, "")
        return try reader.next(T.self)
    }
}

/// `value` without NUL, which PostgreSQL's text cannot hold (see `PostgresBindings.text`).
func pgText(_ value: String?) -> String? {
    guard let value, value.utf8.contains(0) else { return value }
    return value.replacingOccurrences(of: "\u{0}", with: "\u{FFFD}")
}

extension PostgresBindings {
    mutating func date(_ value: Date?) {
        if let value { append(Timestamp(value)) } else { appendNull() }
    }

    /// Text as PostgreSQL takes it: it cannot hold NUL, which hostile mail puts in header fields
    /// and diagnostics, so each NUL is stored as U+FFFD (SQLite keeps it).
    mutating func text(_ value: String?) {
        if let value = pgText(value) { append(value) } else { appendNull() }
    }

    /// Bytes as bytea.
    mutating func bytes(_ value: Data?) {
        if let value { append(ByteBuffer(bytes: value)) } else { appendNull() }
    }

    mutating func value<T: PostgresNonThrowingEncodable>(_ value: T?) {
        if let value { append(value) } else { appendNull() }
    }
}
