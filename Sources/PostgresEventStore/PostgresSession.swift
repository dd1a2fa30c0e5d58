import EventStore
import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO

/// One connection to PostgreSQL, used synchronously: each call waits for its answer on the calling
/// thread while SwiftNIO's event loop does the I/O, with a deadline. A call that gets no answer in
/// time closes the connection (so nothing half-done stays open on the server; an open transaction
/// is rolled back) and throws; a lost connection is opened again by the next call.
final class PostgresSession: @unchecked Sendable {
    let location: PostgresLocation
    private let password: String?
    /// Seconds to wait for the server to accept a connection and to answer each statement.
    let timeout: Int
    private let logger: Logger
    // The connection, opened on first use and again after it was lost. Guarded by `lock`, which
    // the store holds for a whole operation (and its transaction).
    private var connection: PostgresConnection?
    let lock = NSRecursiveLock()

    init(location: PostgresLocation, password: String?, timeout: Int) {
        self.location = location
        self.password = password
        self.timeout = max(1, timeout)
        var logger = Logger(label: "events.postgres")
        logger.logLevel = .critical
        self.logger = logger
    }

    deinit {
        if let connection { let closed: EventLoopFuture<Void> = connection.close(); _ = try? closed.wait() }
    }

    private var eventLoop: any EventLoop { MultiThreadedEventLoopGroup.singleton.next() }

    /// The open connection, opening one when there is none.
    private func connected(_ action: String) throws(StoreError) -> PostgresConnection {
        if let connection, !connection.isClosed { return connection }
        connection = nil
        var configuration = PostgresConnection.Configuration(
            host: location.host, port: location.port, username: location.user, password: password,
            database: location.database, tls: .disable)
        if location.tls == .verifyFull {
            do {
                var tls = TLSConfiguration.makeClientConfiguration()
                tls.certificateVerification = .fullVerification
                if let roots = location.rootCertificates { tls.trustRoots = .file(roots) }
                // postgres-nio sends the host name for SNI and NIOSSL checks the certificate
                // against it; for an IP address (not valid in SNI) against the peer's address.
                configuration.tls = .require(try NIOSSLContext(configuration: tls))
            } catch {
                throw StoreError.cannotConnect(location.description, reason: "TLS could not be set up: \(error)")
            }
        }
        configuration.options.connectTimeout = .seconds(Int64(timeout))
        // The server ends a statement that runs longer than the timeout as well, so a query this
        // side gave up on does not keep running there.
        configuration.options.additionalStartupParameters = [
            ("statement_timeout", "\(timeout)s"), ("application_name", "events"), ("TimeZone", "UTC"),
        ]
        let future = PostgresConnection.connect(on: eventLoop, configuration: configuration, id: 1, logger: logger)
        do {
            let opened = try wait(future, action: action, closing: nil)
            connection = opened
            return opened
        } catch let error as StoreError {
            throw error
        } catch {
            if let underlying = (error as? PSQLError)?.underlying as? ChannelError, case .connectTimeout = underlying {
                throw StoreError.timedOut(location.description, action: "connecting", seconds: timeout)
            }
            throw StoreError.cannotConnect(location.description, reason: Self.describe(error))
        }
    }

    /// Waits for `future` at most `timeout` seconds; when the deadline passes first, closes
    /// `closing` (the server then rolls back whatever it was doing for us) and throws.
    private func wait<T: Sendable>(_ future: EventLoopFuture<T>, action: String,
                                   closing: PostgresConnection?) throws -> T {
        let loop = future.eventLoop
        let promise = loop.makePromise(of: T.self)
        let settled = Settled()
        future.whenComplete { result in
            guard !settled.value else { return }
            settled.value = true
            promise.completeWith(result)
        }
        let deadline = loop.scheduleTask(in: .seconds(Int64(timeout))) {
            guard !settled.value else { return }
            settled.value = true
            closing.map { let _: EventLoopFuture<Void> = $0.close() }
            promise.fail(StoreError.timedOut(self.location.description, action: action, seconds: self.timeout))
        }
        defer { deadline.cancel() }
        return try promise.futureResult.wait()
    }

    /// Runs one statement and returns its rows.
    @discardableResult
    func query(_ query: PostgresQuery, _ action: String) throws(StoreError) -> [PostgresRow] {
        try run(query, action).rows
    }

    /// Runs one statement and returns how many rows it changed.
    @discardableResult
    func execute(_ query: PostgresQuery, _ action: String) throws(StoreError) -> Int {
        try run(query, action).metadata.rows ?? 0
    }

    private func run(_ query: PostgresQuery, _ action: String) throws(StoreError) -> PostgresQueryResult {
        lock.lock()
        defer { lock.unlock() }
        let connection = try connected(action)
        do {
            return try wait(connection.query(query, logger: logger), action: action, closing: connection)
        } catch let error as StoreError {
            throw error
        } catch {
            throw translate(error, action: action, connection: connection)
        }
    }

    /// Runs `body` in one transaction (committed when it returns, rolled back when it throws),
    /// holding the connection so no other thread's statement lands inside it.
    func transaction<T>(_ action: String, isolation: String = "READ COMMITTED",
                        _ body: () throws -> T) throws(StoreError) -> T {
        lock.lock()
        defer { lock.unlock() }
        try execute(PostgresQuery(unsafeSQL: "BEGIN ISOLATION LEVEL \(isolation)"), action)
        do {
            let result = try body()
            try execute("COMMIT", action)
            return result
        } catch {
            if let connection, !connection.isClosed { _ = try? self.execute("ROLLBACK", action) }
            if let error = error as? StoreError { throw error }
            throw StoreError.failed(location.description, action: action, reason: "\(error)")
        }
    }

    private func translate(_ error: any Error, action: String, connection: PostgresConnection) -> StoreError {
        if connection.isClosed || Self.endsTheSession(error) {
            if !connection.isClosed { _ = try? connection.close().wait() }
            self.connection = nil
            return StoreError.connectionLost(location.description, action: action, reason: Self.describe(error))
        }
        return StoreError.failed(location.description, action: action, reason: Self.describe(error))
    }

    /// The server's own message (and SQLSTATE) when there is one, else the client's.
    static func describe(_ error: any Error) -> String {
        guard let error = error as? PSQLError else { return "\(error)" }
        if let message = error.serverInfo?[.message] {
            let state = error.serverInfo?[.sqlState].map { " (SQLSTATE \($0))" } ?? ""
            return message + state
        }
        switch error.code {
        case .connectionError, .uncleanShutdown, .serverClosedConnection, .clientClosedConnection:
            return "the connection closed" + (error.underlying.map { ": \($0)" } ?? "")
        default:
            return error.underlying.map { "\($0)" } ?? "\(error.code)"
        }
    }

    /// Whether the server ended the session with this error: a connection exception (class 08)
    /// or operator intervention (57P01 shutdown, 57P02 crash, 57P03 not yet accepting). The
    /// server's FATAL message can arrive before the client has seen the socket close.
    static func endsTheSession(_ error: any Error) -> Bool {
        guard let state = sqlState(error) else { return false }
        return state.hasPrefix("08") || state.hasPrefix("57P")
    }

    /// The SQLSTATE of a server error, for telling a unique violation from other failures.
    static func sqlState(_ error: any Error) -> String? {
        (error as? PSQLError)?.serverInfo?[.sqlState]
    }
}

/// Whether a future's wait was settled, by its result or by its deadline; read and written on
/// the future's event loop only.
private final class Settled: @unchecked Sendable {
    var value = false
}
