/// Where a mail server listens (IMAP or SMTP) and how the connection is secured; `Security` is
/// the protocol's own choice of TLS modes.
public struct MailEndpoint<Security: Sendable & Equatable>: Sendable, Equatable, CustomStringConvertible {
    /// A host name or an IP literal, without brackets.
    public var host: String
    public var port: UInt16
    public var security: Security

    public init(host: String, port: UInt16, security: Security) {
        self.host = host
        self.port = port
        self.security = security
    }

    /// `host:port`, an IPv6 literal in brackets.
    public var description: String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }
}
