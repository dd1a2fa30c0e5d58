/// A recipient the server refused at RCPT TO, with its reply (RFC 5321 §4.1.1.3).
public struct SMTPRecipientRejection: Sendable, Equatable, CustomStringConvertible {
    public var recipient: String
    public var reply: SMTPReply

    public init(recipient: String, reply: SMTPReply) {
        self.recipient = recipient
        self.reply = reply
    }

    /// `<bob@example.com>: 550 5.1.1 …`
    public var description: String { "<\(recipient)>: \(reply)" }
}
