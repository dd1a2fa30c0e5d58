import Foundation
import GRDB

/// One company of the ERP (a row of `companies`): its name is the local part of its event address
/// (`NAME@event-domain`). Messages delivered to that address, the mail its users send and their
/// SMTP profiles belong to it.
public struct Company: Codable, Sendable, Identifiable, Equatable, Hashable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "companies"

    public var id: Int64?
    public var name: String
    public var createdAt: Date

    public init(id: Int64? = nil, name: String, createdAt: Date) {
        self.id = id
        self.name = name
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey {
        case id, name, createdAt = "created_at"
    }

    /// The table's columns, for requests.
    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let name = Column(CodingKeys.name)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// Which company's rows a read selects.
public enum CompanySelection: Sendable, Equatable, Hashable {
    /// Every company's, and the unattributed.
    case any
    /// One company's.
    case company(Int64)
    /// Only messages (and their events) that named no known company.
    case unattributed

    /// The SQL condition on a `company_id` column (qualified by `table` when given), or nil for `any`.
    func condition(_ table: String? = nil) -> SQL? {
        let column = table.map { "\($0).company_id" } ?? "company_id"
        switch self {
        case .any: return nil
        case .company(let id): return SQL(sql: "\(column) = ?", arguments: [id])
        case .unattributed: return SQL(sql: "\(column) IS NULL")
        }
    }
}

/// What a company holds in the database, for `events config company list` and before removing one.
public struct CompanyHoldings: Sendable, Equatable {
    public var messages = 0
    public var events = 0
    public var sent = 0
    public var profiles = 0

    public init(messages: Int = 0, events: Int = 0, sent: Int = 0, profiles: Int = 0) {
        self.messages = messages
        self.events = events
        self.sent = sent
        self.profiles = profiles
    }

    /// True when nothing but settings refers to the company.
    public var isEmpty: Bool { messages == 0 && events == 0 && sent == 0 && profiles == 0 }
}
