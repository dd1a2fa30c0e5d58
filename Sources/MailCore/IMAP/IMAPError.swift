/// Why an IMAP operation failed, worded for the person who has to fix it.
public enum IMAPError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The TCP connection could not be made (refused, no route, unknown host).
    case connectFailed(endpoint: String, detail: String)
    /// The TLS handshake failed, before any certificate could be checked.
    case tlsFailed(endpoint: String, detail: String)
    /// The server's certificate chain was not accepted; `reason` is the verifier's explanation.
    case certificateRejected(endpoint: String, reason: String)
    /// `imap://` requires STARTTLS, and the server did not offer it or refused it.
    case startTLSUnavailable(endpoint: String, detail: String)
    /// No reply within the configured timeout.
    case timedOut(endpoint: String, operation: String, seconds: Int)
    /// The connection closed or broke in the middle of an operation.
    case connectionLost(endpoint: String, operation: String)
    /// LOGIN was refused; `serverText` is the server's reply.
    case loginRejected(user: String, serverText: String)
    /// XOAUTH2 was refused; `challenge` is the decoded error challenge, if the server sent one.
    case oauth2Rejected(user: String, challenge: OAuth2Challenge?, serverText: String)
    /// The server does not offer the mechanism the credentials need.
    case mechanismUnavailable(mechanism: String, offered: [String])
    /// SELECT (or CREATE) of a folder failed.
    case folderUnavailable(folder: String, serverText: String)
    /// Any other command the server answered with NO or BAD, or libetpan could not complete.
    case commandFailed(operation: String, serverText: String)

    public var description: String {
        switch self {
        case .connectFailed(let endpoint, let detail):
            return "cannot connect to \(endpoint): \(detail)"
        case .tlsFailed(let endpoint, let detail):
            return "TLS handshake with \(endpoint) failed: \(detail)"
        case .certificateRejected(let endpoint, let reason):
            return "\(endpoint): certificate rejected, nothing was sent: \(reason)"
        case .startTLSUnavailable(let endpoint, let detail):
            return "\(endpoint) did not start TLS (\(detail)); nothing was sent in clear. Use imaps:// if the "
                + "server offers it; --tls none is only allowed for a server on this machine"
        case .timedOut(let endpoint, let operation, let seconds):
            return "\(endpoint) did not answer within \(seconds) s (\(operation)); raise --timeout if the server "
                + "is slow"
        case .connectionLost(let endpoint, let operation):
            return "the connection to \(endpoint) was lost (\(operation))"
        case .loginRejected(let user, let serverText):
            var text = serverText.isEmpty ? "(no text)" : serverText
            while text.hasSuffix(".") { text.removeLast() }
            return "the server refused the login of \(user): \(text). "
                + "Check the password (an app password where the provider requires one)"
        case .oauth2Rejected(let user, let challenge, let serverText):
            var text = "the server refused the OAuth2 token for \(user)"
            if let challenge { text += ": \(challenge)" }
            if !serverText.isEmpty { text += "; it said: \(serverText)" }
            while text.hasSuffix(".") { text.removeLast() }
            return text + ". " + (challenge?.remedy ?? OAuth2Challenge.genericRemedy)
        case .mechanismUnavailable(let mechanism, let offered):
            let list = offered.isEmpty ? "none" : offered.joined(separator: " ")
            return "the server does not offer AUTHENTICATE \(mechanism) (it offers: \(list))"
        case .folderUnavailable(let folder, let serverText):
            return "cannot open folder \"\(folder)\": \(serverText.isEmpty ? "(no text)" : serverText)"
        case .commandFailed(let operation, let serverText):
            return "\(operation) failed: \(serverText.isEmpty ? "(no text)" : serverText)"
        }
    }

    /// Whether trying again later can help (a network fault), as opposed to a fault only a person can fix.
    public var isTransient: Bool {
        switch self {
        case .connectFailed, .timedOut, .connectionLost, .tlsFailed: return true
        default: return false
        }
    }
}
