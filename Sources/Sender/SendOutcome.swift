/// What became of one message `MailSender` handled.
public struct SendOutcome: Sendable, Equatable {
    public var outgoingID: Int64
    /// The first recipient's tag and Message-ID (as recorded on the message's row).
    public var tag: String
    public var messageID: String
    public var state: String
    /// Recipients the server accepted.
    public var accepted: [String]
    /// Recipients it refused, or that never got that far, with why.
    public var failed: [(recipient: String, reason: String, cause: String)]
    /// The final SMTP reply, or what went wrong.
    public var reply: String
    /// Each recipient's copy and its own Message-ID (which carries its tag), in recipient index order.
    public var copies: [(recipient: String, messageID: String)]

    public static func == (lhs: SendOutcome, rhs: SendOutcome) -> Bool {
        lhs.outgoingID == rhs.outgoingID && lhs.state == rhs.state && lhs.accepted == rhs.accepted
            && lhs.failed.map(\.recipient) == rhs.failed.map(\.recipient) && lhs.reply == rhs.reply
    }
}
