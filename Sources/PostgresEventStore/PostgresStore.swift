import EventStore
import Foundation
import PostgresNIO

/// The event database on PostgreSQL, for an ERP that runs the event service on several hosts:
/// the same `EventStore` as `SQLiteStore`, over one postgres-nio connection used synchronously.
/// The schema (`schema-postgres.sql`, the same migrations as `schema.sql`) is applied on first use,
/// safely when several workers start at once. Every call is one transaction; a call that fails
/// (the server went away, a timeout) stored nothing and the next call connects again.
public final class PostgresStore: EventStore, @unchecked Sendable {
    let session: PostgresSession
    public var location: String { session.location.description }

    /// Opens the database at `location`, applying the migrations it has not had.
    /// `timeout`: seconds to wait for a connection and for each statement.
    public init(_ location: PostgresLocation, password: String?, timeout: Int = 60) throws(StoreError) {
        session = PostgresSession(location: location, password: password, timeout: timeout)
        try PostgresSchema.migrate(session)
    }

    /// Opens the database for reading only: nothing is created or migrated, so a role that may
    /// only read (support staff) can use it. The schema must be current.
    public init(readingAt location: PostgresLocation, password: String?, timeout: Int = 60) throws(StoreError) {
        session = PostgresSession(location: location, password: password, timeout: timeout)
        try PostgresSchema.requireCurrent(session)
    }

    /// Runs `body` holding the connection (no other thread's statement in between), turning any
    /// error into a `StoreError` that says what was being done.
    func reading<T>(_ action: String, _ body: () throws -> T) throws(StoreError) -> T {
        session.lock.lock()
        defer { session.lock.unlock() }
        do {
            return try body()
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.failed(location, action: action, reason: "\(error)")
        }
    }

    /// Runs `body` in one transaction.
    @discardableResult
    func writing<T>(_ action: String, _ body: () throws -> T) throws(StoreError) -> T {
        try session.transaction(action, body)
    }

    func query(_ query: PostgresQuery, _ action: String) throws(StoreError) -> [PostgresRow] {
        try session.query(query, action)
    }

    @discardableResult
    func execute(_ query: PostgresQuery, _ action: String) throws(StoreError) -> Int {
        try session.execute(query, action)
    }

    /// The first column of the first row, or nil when there is no row.
    func scalar<T: PostgresDecodable>(_ query: PostgresQuery, _ action: String, as type: T.Type = T.self) throws -> T? {
        try self.query(query, action).first?.first(T.self)
    }

    func count(_ query: PostgresQuery, _ action: String) throws -> Int {
        try scalar(query, action, as: Int.self) ?? 0
    }
}
