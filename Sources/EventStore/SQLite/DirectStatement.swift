import Foundation
import GRDB
#if canImport(GRDBSQLite)
import GRDBSQLite
#else
import SQLite3
#endif

/// A statement of the storing run's hot path, prepared on GRDB's writer connection for one
/// transaction and bound with SQLite's own calls. GRDB's `StatementArguments` convert each value
/// through an existential and cost more than the insert itself; here each value binds directly,
/// in the order of the statement's parameters. Errors are GRDB's `DatabaseError`, as for any
/// other statement. Used on the writer's queue only, within one transaction.
final class DirectStatement {
    let sql: String
    private let connection: OpaquePointer
    private let handle: OpaquePointer
    /// The next parameter to bind, from 1.
    private var position: Int32 = 1
    /// The first binding that failed (a value too big, an index out of range), thrown by `step`.
    private var bindFailure: Int32 = SQLITE_OK
    /// The text and blob values bound for the next run, which SQLite reads in place.
    private var arena = BindArena()

    init(_ db: Database, sql: String) throws {
        guard let connection = db.sqliteConnection else {
            throw DatabaseError(resultCode: .SQLITE_MISUSE, message: "the database connection is closed", sql: sql)
        }
        var handle: OpaquePointer?
        let code = sqlite3_prepare_v3(connection, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &handle, nil)
        guard code == SQLITE_OK, let handle else {
            throw Self.error(code, connection: connection, sql: sql)
        }
        self.sql = sql
        self.connection = connection
        self.handle = handle
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// Text up to its first NUL, if it has one: what GRDB binds for a `String` (as a C string), so
    /// that a record stored here reads back as one stored through GRDB would.
    func bind(_ value: String?) {
        guard var value else { return bindNull() }
        value.withUTF8 { text in
            var length = text.count
            if let base = text.baseAddress, let nul = memchr(base, 0, length) {
                length = base.distance(to: nul.assumingMemoryBound(to: UInt8.self))
            }
            guard length <= Int32.max else { return advance(SQLITE_TOOBIG) }
            // An empty buffer may have no address, and a nil address would bind NULL.
            guard length > 0, let base = text.baseAddress else {
                return advance(sqlite3_bind_text(handle, position, "", 0, SQLITE_TRANSIENT))
            }
            let copy = arena.copy(UnsafeRawBufferPointer(start: base, count: length))
            advance(sqlite3_bind_text(handle, position, copy.assumingMemoryBound(to: CChar.self), Int32(length), nil))  // SQLITE_STATIC
        }
    }

    func bind(_ value: Data?) {
        guard let value else { return bindNull() }
        guard value.count <= Int32.max else { return advance(SQLITE_TOOBIG) }
        value.withUnsafeBytes { bytes in
            guard !bytes.isEmpty else { return advance(sqlite3_bind_zeroblob(handle, position, 0)) }
            advance(sqlite3_bind_blob(handle, position, arena.copy(bytes), Int32(bytes.count), nil))  // SQLITE_STATIC
        }
    }

    func bind(_ value: Int64?) {
        guard let value else { return bindNull() }
        advance(sqlite3_bind_int64(handle, position, value))
    }

    func bind(_ value: Int?) {
        bind(value.map(Int64.init))
    }

    /// A Boolean as GRDB stores one: the integer 0 or 1.
    func bind(_ value: Bool?) {
        bind(value.map { Int64($0 ? 1 : 0) })
    }

    private func bindNull() {
        advance(sqlite3_bind_null(handle, position))
    }

    private func advance(_ code: Int32) {
        if code != SQLITE_OK, bindFailure == SQLITE_OK { bindFailure = code }
        position += 1
    }

    /// Runs the statement with the values bound since the last run, to its end, and makes it ready
    /// for the next values.
    func execute() throws {
        _ = try step { _ in () }
    }

    /// Binds `value` as the last parameter without copying it (it stays valid while the statement
    /// runs), then runs the statement as `execute()` does.
    func execute(lastBlob value: Data?) throws {
        guard let value, !value.isEmpty, value.count <= Int32.max else {
            bind(value)
            return try execute()
        }
        let last = position
        defer { sqlite3_bind_null(handle, last) }
        try value.withUnsafeBytes { bytes in
            advance(sqlite3_bind_blob(handle, position, bytes.baseAddress, Int32(bytes.count), nil))  // SQLITE_STATIC
            try execute()
        }
    }

    /// Runs the statement and gives the first column of its first row as an integer; nil when it
    /// yields no row (or NULL).
    func fetchInt64() throws -> Int64? {
        try step { handle in
            sqlite3_column_type(handle, 0) == SQLITE_NULL ? nil : sqlite3_column_int64(handle, 0)
        } ?? nil
    }

    /// Steps through every row, reading the first with `read`, then resets the statement.
    private func step<T>(_ read: (OpaquePointer) -> T) throws -> T? {
        defer {
            sqlite3_reset(handle)
            // Nothing reads the bound copies any more (the next run binds every parameter anew).
            arena.reset()
            position = 1
            bindFailure = SQLITE_OK
        }
        if bindFailure != SQLITE_OK {
            throw DatabaseError(resultCode: ResultCode(rawValue: bindFailure),
                                message: "binding a value: " + String(cString: sqlite3_errstr(bindFailure)), sql: sql)
        }
        var first: T?
        while true {
            let code = sqlite3_step(handle)
            switch code {
            case SQLITE_ROW:
                if first == nil { first = read(handle) }
            case SQLITE_DONE:
                return first
            default:
                throw Self.error(code, connection: connection, sql: sql)
            }
        }
    }

    private static func error(_ code: Int32, connection: OpaquePointer, sql: String) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)), sql: sql)
    }
}

/// SQLite's SQLITE_TRANSIENT, a macro Swift does not import: SQLite copies the value before the
/// bind call returns.
private let SQLITE_TRANSIENT = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
