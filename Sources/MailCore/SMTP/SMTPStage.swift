/// Where in an SMTP session something failed (RFC 5321 §3, RFC 3207, RFC 4954).
public enum SMTPStage: String, Sendable, CaseIterable {
    case connect, tls, greeting, ehlo, starttls, auth, mail, rcpt, data
    /// RSET between messages.
    case reset

    /// The step as a person reads it, e.g. `MAIL FROM`.
    public var operation: String {
        switch self {
        case .connect: return "connecting"
        case .tls: return "TLS handshake"
        case .greeting: return "waiting for the greeting"
        case .ehlo: return "EHLO"
        case .starttls: return "STARTTLS"
        case .auth: return "AUTH"
        case .mail: return "MAIL FROM"
        case .rcpt: return "RCPT TO"
        case .data: return "DATA"
        case .reset: return "RSET"
        }
    }
}
