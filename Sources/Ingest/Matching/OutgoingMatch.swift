/// How a finding was tied to a message we sent, or why it could not be trusted.
public struct OutgoingMatch: Sendable, Equatable {
    /// Where the tag was found, in the order they are tried.
    public enum Method: String, Sendable, CaseIterable {
        /// In the bounce's envelope recipient (`Delivered-To`, `X-Original-To`, `To`): `company+TAG@…`.
        case tag
        /// The DSN's `Original-Envelope-Id` (RFC 3464 §2.2.1), which we set to the tag (RFC 3461 ENVID).
        case envid
        /// The `X-MailEvents-Tag` header of the returned original.
        case tagHeader = "tag_header"
        /// The returned original's `Message-ID`, which carries the tag.
        case messageID = "message_id"
    }

    public var method: Method
    /// The outgoing message, when the tag verified and names one sent from here.
    public var outgoingID: Int64?
    /// False for a tag whose HMAC does not verify, whose key is unknown, that names no sent message,
    /// or that was not issued for the recipient the finding is about.
    public var verified: Bool
    /// The address the message was sent to that the finding is about (as recorded), when verified.
    public var recipient: String?

    public init(method: Method, outgoingID: Int64?, verified: Bool, recipient: String? = nil) {
        self.method = method
        self.outgoingID = outgoingID
        self.verified = verified
        self.recipient = recipient
    }
}
