/// The SMTP envelope of one message: the reverse path and the forward paths (RFC 5321 §3.3), and the
/// delivery status notifications to ask for where the server offers them.
public struct SMTPEnvelope: Sendable, Equatable {
    /// MAIL FROM; `""` for the null reverse path `<>`.
    public var mailFrom: String
    /// RCPT TO, in order.
    public var recipients: [String]
    /// The DSN parameters to send; ignored when the server does not announce DSN.
    public var dsn: DSNRequest?

    public init(mailFrom: String, recipients: [String], dsn: DSNRequest? = nil) {
        self.mailFrom = mailFrom
        self.recipients = recipients
        self.dsn = dsn
    }
}
