import GRDB

/// One recipient of an outgoing message (a row of `outgoing_recipients`) and what the server
/// answered to its RCPT TO.
public struct OutgoingRecipient: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "outgoing_recipients"

    public enum State: String, Codable, Sendable {
        case pending, accepted, rejected
    }

    public var outgoingID: Int64
    public var address: String
    public var state: State
    public var smtpReply: String?

    public init(outgoingID: Int64, address: String, state: State = .pending, smtpReply: String? = nil) {
        self.outgoingID = outgoingID
        self.address = address
        self.state = state
        self.smtpReply = smtpReply
    }

    enum CodingKeys: String, CodingKey {
        case outgoingID = "outgoing_id", address, state, smtpReply = "smtp_reply"
    }

    /// The table's columns, for requests.
    public enum Columns {
        public static let outgoingID = Column(CodingKeys.outgoingID)
        public static let address = Column(CodingKeys.address)
    }
}

extension DerivableRequest<OutgoingRecipient> {
    /// The recipients of one outgoing message, in address order: the order that gives each its
    /// recipient index, the position its copy's tag carries (see `SentMessage`).
    public func of(_ outgoingID: Int64) -> Self {
        filter(OutgoingRecipient.Columns.outgoingID == outgoingID).order(OutgoingRecipient.Columns.address)
    }
}
