import Foundation
import GRDB

/// One message taken in (a row of `ledger`): where it came from, its SHA-256 and size, when and by
/// which parser version it was classified, and its raw bytes until they are pruned.
public struct LedgerEntry: Codable, Sendable, Identifiable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "ledger"

    /// The kind of source a message came from.
    public enum SourceKind: String, Codable, Sendable, CaseIterable {
        case maildir, imap, stdin, file
    }

    /// What classification made of the message.
    public enum Outcome: String, Codable, Sendable {
        /// A detector recognised the message as a report.
        case classified
        /// No detector did; the message is kept with one `unrecognized` event.
        case unrecognized
    }

    public var id: Int64?
    public var sourceKind: SourceKind
    /// The Maildir file name, `account/folder/UIDVALIDITY/UID` for IMAP, or the position in standard input.
    public var sourceRef: String
    /// The message's own Message-ID, without angle brackets.
    public var messageID: String?
    /// SHA-256 of the raw bytes (32 bytes).
    public var sha256: Data
    public var size: Int
    public var receivedAt: Date
    public var parserVersion: String
    public var outcome: Outcome
    public var prunedAt: Date?
    /// The company whose event address it was delivered to; nil when it named no known company.
    public var companyID: Int64?
    /// The event-domain address it was attributed from, or the first it was delivered to when that
    /// names no company; nil when it named none.
    public var deliveredTo: String?
    /// The message as it arrived; nil once pruned.
    public var raw: Data?

    public init(id: Int64? = nil, sourceKind: SourceKind, sourceRef: String, messageID: String?, sha256: Data,
                size: Int, receivedAt: Date, parserVersion: String, outcome: Outcome, prunedAt: Date? = nil,
                companyID: Int64? = nil, deliveredTo: String? = nil, raw: Data?) {
        self.id = id
        self.sourceKind = sourceKind
        self.sourceRef = sourceRef
        self.messageID = messageID
        self.sha256 = sha256
        self.size = size
        self.receivedAt = receivedAt
        self.parserVersion = parserVersion
        self.outcome = outcome
        self.prunedAt = prunedAt
        self.companyID = companyID
        self.deliveredTo = deliveredTo
        self.raw = raw
    }

    enum CodingKeys: String, CodingKey {
        case id, sourceKind = "source_kind", sourceRef = "source_ref", messageID = "message_id", sha256, size
        case receivedAt = "received_at", parserVersion = "parser_version", outcome, prunedAt = "pruned_at"
        case companyID = "company_id", deliveredTo = "delivered_to", raw
    }

    /// The table's columns, for requests.
    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let sourceKind = Column(CodingKeys.sourceKind)
        public static let sourceRef = Column(CodingKeys.sourceRef)
        public static let messageID = Column(CodingKeys.messageID)
        public static let sha256 = Column(CodingKeys.sha256)
        public static let size = Column(CodingKeys.size)
        public static let receivedAt = Column(CodingKeys.receivedAt)
        public static let parserVersion = Column(CodingKeys.parserVersion)
        public static let outcome = Column(CodingKeys.outcome)
        public static let prunedAt = Column(CodingKeys.prunedAt)
        public static let companyID = Column(CodingKeys.companyID)
        public static let deliveredTo = Column(CodingKeys.deliveredTo)
        public static let raw = Column(CodingKeys.raw)
    }

    /// Every column but `raw`: for reading many rows without their messages.
    public static let metadataColumns: [Column] = [
        Columns.id, Columns.sourceKind, Columns.sourceRef, Columns.messageID, Columns.sha256, Columns.size,
        Columns.receivedAt, Columns.parserVersion, Columns.outcome, Columns.prunedAt, Columns.companyID,
        Columns.deliveredTo,
    ]

    public static let events = hasMany(Event.self)

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

extension DerivableRequest<LedgerEntry> {
    /// Rows taken in at or after `date`.
    public func received(since date: Date) -> Self {
        filter(LedgerEntry.Columns.receivedAt >= date)
    }

    /// Rows taken in before `date`.
    public func received(before date: Date) -> Self {
        filter(LedgerEntry.Columns.receivedAt < date)
    }

    /// Rows of the selected company.
    public func of(_ selection: CompanySelection) -> Self {
        guard let condition = selection.condition("ledger") else { return self }
        return filter(literal: condition)
    }

    /// Rows whose raw bytes are still stored.
    public func withRaw() -> Self {
        filter(LedgerEntry.Columns.raw != nil)
    }
}
