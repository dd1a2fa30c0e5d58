import Foundation
import GRDB

/// One message `events send` submitted (a row of `outgoing`): recorded before submission with its
/// tag, sender and profile, and updated with the final SMTP reply.
public struct OutgoingRecord: Codable, Sendable, Identifiable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "outgoing"

    public enum State: String, Codable, Sendable {
        /// Recorded, not yet (or never) answered by the server.
        case pending
        /// Accepted for every recipient.
        case sent
        /// Accepted for some recipients, refused for others.
        case partial
        /// Not accepted at all.
        case failed
    }

    public var id: Int64?
    /// The first recipient's copy's signed tag (`m{id}r0.…`; each copy has its own, for its
    /// recipient index); in mail sent before tags were per recipient, the message's (`m{id}.…`).
    public var tag: String?
    /// The first recipient's copy's Message-ID, without angle brackets.
    public var messageID: String?
    public var userCode: String
    /// Whose SMTP settings were used: the user's own, or the mail sending user's.
    public var profileUser: String
    /// `host:port tls`.
    public var server: String
    public var authUser: String
    /// `own` or `reply-to`.
    public var senderMode: String
    /// The first recipient's copy's envelope sender (in reply-to mode each copy's carries its tag).
    public var envelopeFrom: String
    public var fromAddress: String
    public var replyTo: String?
    public var subject: String
    public var size: Int?
    public var createdAt: Date
    public var submittedAt: Date?
    public var state: State
    /// The final SMTP reply, or what went wrong.
    public var smtpReply: String?
    /// The company whose user sent it (whose event address is its From in reply-to mode); nil when
    /// sent from a database with no company configured.
    public var companyID: Int64?

    public init(id: Int64? = nil, tag: String? = nil, messageID: String? = nil, userCode: String, profileUser: String,
                server: String, authUser: String, senderMode: String, envelopeFrom: String, fromAddress: String,
                replyTo: String?, subject: String, size: Int? = nil, createdAt: Date, submittedAt: Date? = nil,
                state: State = .pending, smtpReply: String? = nil, companyID: Int64? = nil) {
        self.id = id
        self.tag = tag
        self.messageID = messageID
        self.userCode = userCode
        self.profileUser = profileUser
        self.server = server
        self.authUser = authUser
        self.senderMode = senderMode
        self.envelopeFrom = envelopeFrom
        self.fromAddress = fromAddress
        self.replyTo = replyTo
        self.subject = subject
        self.size = size
        self.createdAt = createdAt
        self.submittedAt = submittedAt
        self.state = state
        self.smtpReply = smtpReply
        self.companyID = companyID
    }

    enum CodingKeys: String, CodingKey {
        case id, tag, messageID = "message_id", userCode = "user_code", profileUser = "profile_user", server
        case authUser = "auth_user", senderMode = "sender_mode", envelopeFrom = "envelope_from"
        case fromAddress = "from_address", replyTo = "reply_to", subject, size, createdAt = "created_at"
        case submittedAt = "submitted_at", state, smtpReply = "smtp_reply"
        case companyID = "company_id"
    }

    /// The table's columns, for requests.
    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let tag = Column(CodingKeys.tag)
        public static let messageID = Column(CodingKeys.messageID)
        public static let userCode = Column(CodingKeys.userCode)
        public static let createdAt = Column(CodingKeys.createdAt)
        public static let companyID = Column(CodingKeys.companyID)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

extension DerivableRequest<OutgoingRecord> {
    /// The messages the selected company sent.
    public func of(_ selection: CompanySelection) -> Self {
        guard let condition = selection.condition("outgoing") else { return self }
        return filter(literal: condition)
    }
}
