/// Why an SMTP submission failed, worded for the person who has to fix it. Every case names the
/// endpoint (`host:port`); replies are kept whole so that callers can classify them (RFC 5321 §4.2,
/// RFC 3463). No case carries a password or token.
public enum SMTPError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The TCP connection could not be made (refused, no route, unknown host).
    case connectFailed(endpoint: String, detail: String)
    /// No reply within the configured timeout.
    case timedOut(endpoint: String, stage: SMTPStage, seconds: Int)
    /// The connection closed or broke in the middle of a step.
    case connectionLost(endpoint: String, stage: SMTPStage)
    /// The TLS handshake failed, before any certificate could be checked (e.g. TLS on a plain port).
    case tlsFailed(endpoint: String, detail: String)
    /// The server's certificate chain was not accepted; nothing was sent after the handshake.
    case certificateRejected(endpoint: String, reason: String)
    /// `starttls` security was asked for and the server did not offer STARTTLS or refused it.
    case startTLSUnavailable(endpoint: String, detail: String)
    /// The server refused the session in its greeting (554 at connect).
    case greetingRejected(endpoint: String, reply: SMTPReply)
    /// AUTH cannot be tried: no AUTH offered, no mechanism the credential can use, or AUTH only after TLS.
    case authenticationUnavailable(endpoint: String, offered: [String], detail: String)
    /// The server refused the credential; for XOAUTH2 `challenge` is the decoded 334 error challenge and
    /// `reply` the final reply read after answering it.
    case authenticationRejected(endpoint: String, mechanism: String, user: String, reply: SMTPReply,
                                challenge: OAuth2Challenge?)
    /// MAIL FROM was refused for the address.
    case senderRejected(endpoint: String, address: String, reply: SMTPReply)
    /// Every RCPT TO was refused, so no message data was sent.
    case recipientsRejected(endpoint: String, [SMTPRecipientRejection])
    /// DATA, or the message data, was refused.
    case dataRejected(endpoint: String, reply: SMTPReply)
    /// The envelope cannot be sent as given (no recipients, an address with spaces or line breaks).
    case invalidEnvelope(endpoint: String, detail: String)
    /// Any other refusal (e.g. 530 5.7.0 Must issue a STARTTLS command first, at MAIL FROM), or a failure
    /// without a reply.
    case commandFailed(endpoint: String, stage: SMTPStage, reply: SMTPReply?)

    public var endpoint: String {
        switch self {
        case .connectFailed(let endpoint, _), .timedOut(let endpoint, _, _), .connectionLost(let endpoint, _),
             .tlsFailed(let endpoint, _), .certificateRejected(let endpoint, _), .startTLSUnavailable(let endpoint, _),
             .greetingRejected(let endpoint, _), .authenticationUnavailable(let endpoint, _, _),
             .authenticationRejected(let endpoint, _, _, _, _), .senderRejected(let endpoint, _, _),
             .recipientsRejected(let endpoint, _), .dataRejected(let endpoint, _), .invalidEnvelope(let endpoint, _),
             .commandFailed(let endpoint, _, _):
            return endpoint
        }
    }

    public var stage: SMTPStage {
        switch self {
        case .connectFailed: return .connect
        case .timedOut(_, let stage, _), .connectionLost(_, let stage), .commandFailed(_, let stage, _): return stage
        case .tlsFailed, .certificateRejected: return .tls
        case .startTLSUnavailable: return .starttls
        case .greetingRejected: return .greeting
        case .authenticationUnavailable, .authenticationRejected: return .auth
        case .senderRejected, .invalidEnvelope: return .mail
        case .recipientsRejected: return .rcpt
        case .dataRejected: return .data
        }
    }

    /// The server's reply behind the failure, if there was one (the first refusal for `recipientsRejected`).
    public var reply: SMTPReply? {
        switch self {
        case .greetingRejected(_, let reply), .authenticationRejected(_, _, _, let reply, _),
             .senderRejected(_, _, let reply), .dataRejected(_, let reply):
            return reply
        case .recipientsRejected(_, let rejections): return rejections.first?.reply
        case .commandFailed(_, _, let reply): return reply
        default: return nil
        }
    }

    /// Whether trying again later, unchanged, may work: network faults and 4xx replies. A refused
    /// credential (535) never is: retrying it locks accounts.
    public var isTransient: Bool {
        switch self {
        case .connectFailed, .timedOut, .connectionLost, .tlsFailed: return true
        case .certificateRejected, .startTLSUnavailable, .authenticationUnavailable, .invalidEnvelope: return false
        case .recipientsRejected(_, let rejections):
            return !rejections.isEmpty && rejections.allSatisfy { $0.reply.isTransient }
        default: return reply?.isTransient ?? false
        }
    }

    public var description: String {
        "smtp \(endpoint): " + message
    }

    private var message: String {
        switch self {
        case .connectFailed(_, let detail):
            return "cannot connect: \(detail). Check the host name and port (submission is usually 587 with "
                + "STARTTLS, or 465 with implicit TLS)"
        case .timedOut(_, let stage, let seconds):
            return "no answer within \(seconds) s (\(stage.operation)). A firewall may be dropping the connection, "
                + "or the port may expect another security (TLS vs STARTTLS); raise the timeout if the server is slow"
        case .connectionLost(_, let stage):
            return "the server closed the connection (\(stage.operation)). Try again later; if it persists, "
                + "check that the port and security (TLS vs STARTTLS) match the server"
        case .tlsFailed(_, let detail):
            return "TLS handshake failed: \(detail)"
        case .certificateRejected(_, let reason):
            return "the server's certificate was rejected, no credentials were sent: \(reason)"
        case .startTLSUnavailable(_, let detail):
            return "did not start TLS (\(detail)); nothing was sent in clear. Use implicit TLS (port 465) if the "
                + "server offers it; no TLS at all is only for a server on this machine"
        case .greetingRejected(_, let reply):
            return "the server refused the session when we connected: \(reply). Try again later, or ask the "
                + "server's administrator whether this address may connect"
        case .authenticationUnavailable(_, let offered, let detail):
            let list = offered.isEmpty ? "none" : offered.joined(separator: " ")
            return "cannot authenticate: \(detail) (AUTH mechanisms offered: \(list))"
        case .authenticationRejected(_, let mechanism, let user, let reply, let challenge):
            if mechanism == "XOAUTH2" || mechanism == "OAUTHBEARER" {
                var text = "the server rejected the OAuth2 token (AUTH \(mechanism)) for \(user)"
                if let challenge { text += ": \(challenge)" }
                text += "; final reply: \(reply)"
                while text.hasSuffix(".") { text.removeLast() }
                return text + ". " + (challenge?.remedy ?? OAuth2Challenge.genericRemedy)
            }
            var text = "the server rejected AUTH \(mechanism) for \(user): \(reply)"
            while text.hasSuffix(".") { text.removeLast() }
            if reply.isTransient { return text + ". A temporary failure: try again later" }
            return text + ". Check the user name and password (an app password where the provider requires "
                + "one) and that SMTP AUTH is enabled for the account; do not retry unchanged, it can lock the account"
        case .senderRejected(_, let address, let reply):
            return "the server refused the sender <\(address)>: \(reply). Use an address the account may send as"
        case .recipientsRejected(_, let rejections):
            let list = rejections.map(\.description).joined(separator: "; ")
            return "the server refused every recipient, nothing was sent: \(list.isEmpty ? "(none given)" : list)"
        case .dataRejected(_, let reply):
            return "the server refused the message: \(reply)"
        case .invalidEnvelope(_, let detail):
            return "nothing was sent: \(detail)"
        case .commandFailed(_, let stage, let reply):
            guard let reply else { return "\(stage.operation) failed (no reply)" }
            var text = "\(stage.operation) was refused: \(reply)"
            if reply.code == 530 || reply.enhancedStatus == "5.7.0" {
                while text.hasSuffix(".") { text.removeLast() }
                text += ". The server requires STARTTLS and/or AUTH first: use STARTTLS or implicit TLS, "
                    + "and credentials"
            }
            return text
        }
    }
}
