import MailCore

/// A folder on an IMAP server, as `imaps://USER@HOST[:PORT]/FOLDER` names it.
public struct IMAPMailbox: Sendable, Equatable, CustomStringConvertible {
    public var endpoint: IMAPConnection.Endpoint
    public var user: String
    public var folder: String

    public init(endpoint: IMAPConnection.Endpoint, user: String, folder: String) {
        self.endpoint = endpoint
        self.user = user
        self.folder = folder
    }

    /// The cursor's key: one per account and folder, whatever the TLS mode.
    public var cursorKey: String {
        "imap://\(user)@\(endpoint)/\(folder)"
    }

    /// The ledger's source reference of a message: `user@host:port/FOLDER/UIDVALIDITY/UID`.
    public func sourceRef(uidValidity: UInt32, uid: UInt32) -> String {
        "\(user)@\(endpoint)/\(folder)/\(uidValidity)/\(uid)"
    }

    public var description: String {
        "\(endpoint.security == .tls ? "imaps" : "imap")://\(user)@\(endpoint)/\(folder)"
    }
}

/// What happens to a message in the folder once it is stored.
public enum AfterIngest: Sendable, Equatable, CustomStringConvertible {
    /// Flag it \Seen (the default).
    case seen
    /// Move it to another folder (created if missing).
    case move(folder: String)
    /// Delete it (\Deleted and UID EXPUNGE).
    case delete
    /// Leave it alone; the cursor alone keeps it from being fetched again.
    case none

    /// `seen`, `move:FOLDER`, `delete` or `none`.
    public init?(_ text: String) {
        switch text {
        case "seen": self = .seen
        case "delete": self = .delete
        case "none": self = .none
        default:
            guard text.hasPrefix("move:"), text.count > 5 else { return nil }
            self = .move(folder: String(text.dropFirst(5)))
        }
    }

    public var description: String {
        switch self {
        case .seen: return "seen"
        case .move(let folder): return "move:\(folder)"
        case .delete: return "delete"
        case .none: return "none"
        }
    }
}
