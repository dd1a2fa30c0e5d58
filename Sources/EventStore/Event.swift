import Foundation
import GRDB

/// One finding about one recipient (a row of `events`): its kind and reason, the report's evidence,
/// cause and remedy, the returned original's headers, and the ledger row of the message it came from.
public struct Event: Codable, Sendable, Identifiable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "events"

    /// The kinds `events list --failed` shows: mail that did not arrive and needs action.
    public static let failedKinds = ["bounce", "submission_error"]

    /// The condition of a failure: a failed kind whose match is not unverified (a bounce with a tag
    /// that does not verify never counts). The text must match the partial index
    /// `events_failed_time` in schema.sql, so SQLite can use it.
    public static let failedCondition = "kind IN ('bounce', 'submission_error') AND verified IS NOT 0"

    public var id: Int64?
    /// The message it came from; nil for a submission error, which comes from no message.
    public var ledgerID: Int64?
    /// bounce, delay, delivered, complaint, auto_reply, …, unrecognized (TEXT, so new kinds need no migration).
    public var kind: String
    public var recipient: String?
    public var reason: String
    public var hard: Bool
    public var senderSide: Bool
    /// RFC 3463 enhanced status code.
    public var status: String?
    /// SMTP reply code.
    public var replyCode: Int?
    public var action: String?
    public var diagnostic: String?
    public var remoteMTA: String?
    public var reportingMTA: String?
    /// RFC 3461 ENVID.
    public var envelopeID: String?
    /// A complaint's Feedback-Type (RFC 5965 §3.1).
    public var feedbackType: String?
    public var detector: String
    /// The rule that decided the reason (nil for events stored before it was recorded).
    public var rule: String?
    public var cause: String
    public var remedy: String
    public var originalMessageID: String?
    public var originalSubject: String?
    public var originalFrom: String?
    public var originalDate: String?
    /// The report's own date, else when it was taken in.
    public var occurredAt: Date
    /// The matched outgoing message and how it was matched (tag, envid, tag_header, message_id,
    /// submission).
    public var outgoingID: Int64?
    public var matchMethod: String?
    /// true: matched by a tag whose HMAC verified (or our own submission); false: a tag that does
    /// not verify or names no sent message, so the event never counts as a failure; nil: nothing
    /// to match.
    public var verified: Bool?
    /// The company it belongs to: its message's (the one whose event address received it), or for
    /// a submission error the sending company's; nil when unattributed.
    public var companyID: Int64?

    public init(id: Int64? = nil, ledgerID: Int64? = nil, kind: String, recipient: String? = nil, reason: String,
                hard: Bool = false, senderSide: Bool = false, status: String? = nil, replyCode: Int? = nil,
                action: String? = nil, diagnostic: String? = nil, remoteMTA: String? = nil,
                reportingMTA: String? = nil, envelopeID: String? = nil, feedbackType: String? = nil, detector: String, cause: String = "",
                remedy: String = "", originalMessageID: String? = nil, originalSubject: String? = nil,
                originalFrom: String? = nil, originalDate: String? = nil, occurredAt: Date,
                outgoingID: Int64? = nil, matchMethod: String? = nil, verified: Bool? = nil, rule: String? = nil,
                companyID: Int64? = nil) {
        self.id = id
        self.ledgerID = ledgerID
        self.kind = kind
        self.recipient = recipient
        self.reason = reason
        self.hard = hard
        self.senderSide = senderSide
        self.status = status
        self.replyCode = replyCode
        self.action = action
        self.diagnostic = diagnostic
        self.remoteMTA = remoteMTA
        self.reportingMTA = reportingMTA
        self.envelopeID = envelopeID
        self.feedbackType = feedbackType
        self.detector = detector
        self.cause = cause
        self.remedy = remedy
        self.originalMessageID = originalMessageID
        self.originalSubject = originalSubject
        self.originalFrom = originalFrom
        self.originalDate = originalDate
        self.occurredAt = occurredAt
        self.outgoingID = outgoingID
        self.matchMethod = matchMethod
        self.verified = verified
        self.rule = rule
        self.companyID = companyID
    }

    enum CodingKeys: String, CodingKey {
        case id, ledgerID = "ledger_id", kind, recipient, reason, hard, senderSide = "sender_side", status
        case replyCode = "reply_code", action, diagnostic, remoteMTA = "remote_mta", reportingMTA = "reporting_mta"
        case envelopeID = "envelope_id", feedbackType = "feedback_type", detector, cause, remedy, originalMessageID = "original_message_id"
        case originalSubject = "original_subject", originalFrom = "original_from", originalDate = "original_date"
        case occurredAt = "occurred_at", outgoingID = "outgoing_id", matchMethod = "match_method", verified, rule
        case companyID = "company_id"
    }

    /// The table's columns, for requests.
    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let ledgerID = Column(CodingKeys.ledgerID)
        public static let kind = Column(CodingKeys.kind)
        public static let recipient = Column(CodingKeys.recipient)
        public static let reason = Column(CodingKeys.reason)
        public static let occurredAt = Column(CodingKeys.occurredAt)
        public static let outgoingID = Column(CodingKeys.outgoingID)
        public static let verified = Column(CodingKeys.verified)
        public static let companyID = Column(CodingKeys.companyID)
    }

    /// The message the event came from.
    public static let ledger = belongsTo(LedgerEntry.self, using: ForeignKey([Columns.ledgerID]))

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// The recipient's domain, lowercased, or nil.
    public var recipientDomain: String? {
        guard let recipient, let at = recipient.lastIndex(of: "@") else { return nil }
        let domain = recipient[recipient.index(after: at)...]
        return domain.isEmpty ? nil : domain.lowercased()
    }
}
