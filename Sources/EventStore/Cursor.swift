import Foundation
import GRDB

/// Where an incremental source (an IMAP folder) stopped at its last committed run (a row of `cursors`).
/// RFC 3501 §2.3.1.1 for UIDVALIDITY and UIDs.
public struct Cursor: Codable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "cursors"

    /// The source, e.g. `imap://user@host/INBOX`.
    public var source: String
    public var uidValidity: Int64?
    public var lastUID: Int64?
    public var updatedAt: Date

    public init(source: String, uidValidity: Int64?, lastUID: Int64?, updatedAt: Date) {
        self.source = source
        self.uidValidity = uidValidity
        self.lastUID = lastUID
        self.updatedAt = updatedAt
    }

    enum CodingKeys: String, CodingKey {
        case source, uidValidity = "uidvalidity", lastUID = "last_uid", updatedAt = "updated_at"
    }

    /// The table's columns, for requests.
    public enum Columns {
        public static let source = Column(CodingKeys.source)
        public static let uidValidity = Column(CodingKeys.uidValidity)
        public static let lastUID = Column(CodingKeys.lastUID)
        public static let updatedAt = Column(CodingKeys.updatedAt)
    }
}
