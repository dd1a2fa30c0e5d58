/// An outgoing message as matching reads it: the tag recorded for it and its recipients in the order
/// that numbers them. Each recipient's copy carries the tag for its 0-based position in
/// `recipients` (the rows of `outgoing_recipients` by address, written once when the message is
/// recorded and never added to), so the position is the tag's recipient index.
public struct SentMessage: Sendable, Equatable {
    /// The recorded tag: the first recipient's (`m{id}r0.…`) since tags are per recipient, the
    /// message's own (`m{id}.…`) in older mail; nil when the message was never tagged.
    public var tag: String?
    /// The addresses the message was sent to, in recipient index order.
    public var recipients: [String]
    /// The company that sent it (nil: sent before any company was configured).
    public var companyID: Int64?

    public init(tag: String?, recipients: [String], companyID: Int64? = nil) {
        self.tag = tag
        self.recipients = recipients
        self.companyID = companyID
    }
}
