import GRDB

/// A failure of the event database, worded for the person running `events`: what happened, to
/// which database, and what to do next.
public struct StoreError: Error, CustomStringConvertible, Sendable {
    private enum Kind: Sendable {
        case cannotOpen(reason: String)
        case busy(seconds: Int)
        case failed(action: String, reason: String)
        case noSuchEvent(Int64)
        case cannotConnect(reason: String)
        case timedOut(action: String, seconds: Int)
        case connectionLost(action: String, reason: String)
    }

    private let kind: Kind
    /// The database file the error is about.
    public let path: String

    private init(_ kind: Kind, path: String) {
        self.kind = kind
        self.path = path
    }

    /// A database server that cannot be reached or refuses the sign-in.
    package static func cannotConnect(_ location: String, reason: String) -> StoreError {
        StoreError(.cannotConnect(reason: reason), path: location)
    }

    /// A database server that did not answer within the timeout.
    package static func timedOut(_ location: String, action: String, seconds: Int) -> StoreError {
        StoreError(.timedOut(action: action, seconds: seconds), path: location)
    }

    /// The connection to a database server went away during `action` (the server restarted, the
    /// network failed); the transaction was rolled back.
    package static func connectionLost(_ location: String, action: String, reason: String) -> StoreError {
        StoreError(.connectionLost(action: action, reason: reason), path: location)
    }

    /// `action` failed in the database for `reason`.
    package static func failed(_ location: String, action: String, reason: String) -> StoreError {
        StoreError(.failed(action: action, reason: reason), path: location)
    }

    package static func cannotOpen(_ path: String, reason: String) -> StoreError {
        StoreError(.cannotOpen(reason: reason), path: path)
    }

    package static func noSuchEvent(_ id: Int64, path: String) -> StoreError {
        StoreError(.noSuchEvent(id), path: path)
    }

    /// Wraps an error thrown while `action` (e.g. "storing a message") ran against `path`.
    static func wrapping(_ error: any Error, action: String, path: String, busyTimeout: Int) -> StoreError {
        if let error = error as? StoreError { return error }
        if let error = error as? DatabaseError {
            switch error.resultCode {
            case .SQLITE_BUSY, .SQLITE_LOCKED: return StoreError(.busy(seconds: busyTimeout), path: path)
            case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_READONLY, .SQLITE_NOTADB:
                return StoreError(.cannotOpen(reason: error.message ?? "\(error.resultCode)"), path: path)
            default:
                return StoreError(.failed(action: action, reason: error.message ?? "\(error.resultCode)"), path: path)
            }
        }
        return StoreError(.failed(action: action, reason: "\(error)"), path: path)
    }

    /// True when the database stayed locked by another process for the whole busy timeout.
    /// Whether the database could not be reached or went away (a server restarting, a network
    /// fault): worth trying again later, unlike an error in what was asked.
    public var isUnavailable: Bool {
        switch kind {
        case .cannotConnect, .timedOut, .connectionLost: return true
        default: return false
        }
    }

    public var isBusy: Bool {
        if case .busy = kind { return true }
        return false
    }

    /// True when the requested event does not exist.
    public var isNotFound: Bool {
        if case .noSuchEvent = kind { return true }
        return false
    }

    public var description: String {
        switch kind {
        case .cannotOpen(let reason) where path.hasPrefix("postgresql://"):
            return "cannot open the event database \(path): \(reason)."
        case .cannotOpen(let reason):
            return "cannot open the event database '\(path)': \(reason). Check that its folder exists and is "
                + "writable, or choose another file with --db PATH or EVENTS_DB."
        case .busy(let seconds):
            return "the event database '\(path)' stayed locked by another process for \(seconds) s; "
                + "another `events` run is probably still writing. Try again when it has finished."
        case .failed(let action, let reason):
            return "\(action) failed in the event database '\(path)': \(reason)"
        case .cannotConnect(let reason):
            return "cannot connect to the event database \(path): \(reason)"
        case .timedOut(let action, let seconds):
            return "\(action) in the event database \(path) got no answer within \(seconds) s; the run stopped "
                + "and nothing of the unfinished step was stored. Check the server, or raise --db-timeout."
        case .connectionLost(let action, let reason):
            return "the connection to the event database \(path) was lost while \(action) (\(reason)); nothing of "
                + "the unfinished step was stored, and the next run continues where this one stopped."
        case .noSuchEvent(let id):
            return "there is no event \(id) in '\(path)'; `events list` shows the IDs there are."
        }
    }
}
