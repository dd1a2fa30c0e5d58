/// What the server said to one message: which recipients it took, which it refused, and its final
/// reply after the message data (RFC 5321 §4.1.1.4).
public struct SMTPDelivery: Sendable, Equatable {
    /// Recipients accepted at RCPT TO (250/251); the message was queued for these.
    public var accepted: [String]
    /// Recipients refused at RCPT TO; the message was not sent to them.
    public var rejected: [SMTPRecipientRejection]
    /// The reply to the end of the message data (250 … queued as …).
    public var reply: SMTPReply
    /// Whether the DSN parameters (ENVID, RET, NOTIFY, ORCPT) were sent.
    public var usedDSN: Bool

    public init(accepted: [String], rejected: [SMTPRecipientRejection], reply: SMTPReply, usedDSN: Bool) {
        self.accepted = accepted
        self.rejected = rejected
        self.reply = reply
        self.usedDSN = usedDSN
    }
}
