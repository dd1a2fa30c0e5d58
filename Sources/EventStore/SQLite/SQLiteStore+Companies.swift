import Foundation
import GRDB

/// The companies of the ERP this database serves: adding, listing and removing them.
extension SQLiteStore {
    /// Every company, by name.
    public func companies() throws(StoreError) -> [Company] {
        try reading("reading the companies") { db in try Company.order(Company.Columns.name).fetchAll(db) }
    }

    /// How many companies there are.
    public func companyCount() throws(StoreError) -> Int {
        try reading("counting the companies") { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM companies") ?? 0 }
    }

    /// The company with this name (any case), or nil.
    public func company(named name: String) throws(StoreError) -> Company? {
        try reading("reading the companies") { db in try Company.filter(Company.Columns.name == name).fetchOne(db) }
    }

    /// The company with this id, or nil.
    public func company(id: Int64) throws(StoreError) -> Company? {
        try reading("reading the companies") { db in try Company.fetchOne(db, id: id) }
    }

    /// Adds a company. The first company added to a database takes over every row stored before
    /// any company existed, as migration 5 gives them to the company of the old `company-name`
    /// setting: a database without companies held one company's data.
    public func addCompany(named name: String, now: Date) throws(StoreError) -> AddedCompany {
        try writing("adding a company") { session in
            var result = AddedCompany.exists(Company(name: name, createdAt: now))
            try session.db.inTransaction(.immediate) {
                let db = session.db
                if let existing = try Company.filter(Company.Columns.name == name).fetchOne(db) {
                    result = .exists(existing)
                    return .rollback
                }
                let first = try Company.fetchCount(db) == 0
                var company = Company(name: name, createdAt: now)
                try company.insert(db)
                guard let id = company.id else { return .rollback }
                var adopted = CompanyHoldings()
                if first {
                    try db.execute(sql: "UPDATE ledger SET company_id = ? WHERE company_id IS NULL", arguments: [id])
                    adopted.messages = db.changesCount
                    try db.execute(sql: "UPDATE events SET company_id = ? WHERE company_id IS NULL", arguments: [id])
                    adopted.events = db.changesCount
                    try db.execute(sql: "UPDATE outgoing SET company_id = ? WHERE company_id IS NULL", arguments: [id])
                    adopted.sent = db.changesCount
                    try db.execute(sql: "UPDATE smtp_profiles SET company_id = ? WHERE company_id IS NULL", arguments: [id])
                    adopted.profiles = db.changesCount
                    try db.execute(sql: """
                        INSERT INTO company_settings (company_id, name, value, updated_at)
                        SELECT ?, name, value, updated_at FROM settings WHERE name IN (\(Self.companySettingList))
                        """, arguments: [id])
                    try db.execute(sql: "DELETE FROM settings WHERE name IN (\(Self.companySettingList))")
                }
                result = .added(company, adopted: adopted)
                return .commit
            }
            return result
        }
    }

    /// Removes a company with its settings. A company that holds messages, events, sent mail or
    /// profiles is removed only when `deletingData` is true, and then all of those go with it.
    public func removeCompany(id: Int64, deletingData: Bool) throws(StoreError) -> RemovedCompany {
        try writing("removing a company") { session in
            var result = RemovedCompany.removed(CompanyHoldings())
            try session.db.inTransaction(.immediate) {
                let holdings = try Self.holdings(of: id, session.db)
                if !holdings.isEmpty && !deletingData {
                    result = .holdsData(holdings)
                    return .rollback
                }
                _ = try Company.deleteOne(session.db, id: id)
                result = .removed(holdings)
                return .commit
            }
            return result
        }
    }

    /// What each company holds, by company id.
    public func companyHoldings() throws(StoreError) -> [Int64: CompanyHoldings] {
        try reading("counting what each company holds") { db in
            var holdings: [Int64: CompanyHoldings] = [:]
            for (table, path) in [("ledger", \CompanyHoldings.messages), ("events", \.events), ("outgoing", \.sent),
                                  ("smtp_profiles", \.profiles)] {
                let rows = try Row.fetchAll(db, sql: """
                    SELECT company_id, COUNT(*) FROM \(table) WHERE company_id IS NOT NULL GROUP BY company_id
                    """)
                for row in rows {
                    let id: Int64 = row[0], count: Int = row[1]
                    holdings[id, default: CompanyHoldings()][keyPath: path] = count
                }
            }
            return holdings
        }
    }

    static func holdings(of id: Int64, _ db: Database) throws -> CompanyHoldings {
        func count(_ table: String) throws -> Int {
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table) WHERE company_id = ?", arguments: [id]) ?? 0
        }
        return CompanyHoldings(messages: try count("ledger"), events: try count("events"), sent: try count("outgoing"),
                               profiles: try count("smtp_profiles"))
    }

    /// The settings each company has its own of, as an SQL list.
    static var companySettingList: String {
        Setting.Name.allCases.filter(\.isPerCompany).map { "'\($0.rawValue)'" }.joined(separator: ", ")
    }
}

extension SQLiteStore {
    /// How many unattributed messages were delivered to `name`'s event address (`name@…` or
    /// `name+tag@…`) at the event domain: mail that arrived before the company was added.
    public func unattributedMessages(addressedTo name: String, domain: String) throws(StoreError) -> Int {
        try reading("counting unattributed messages") { db in
            // LIKE compares ASCII letters without case, as local parts and domains are compared here.
            let escaped = LikePattern.escaped(name), domain = LikePattern.escaped(domain)
            return try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM ledger WHERE company_id IS NULL
                AND (delivered_to LIKE ? ESCAPE '\\' OR delivered_to LIKE ? ESCAPE '\\')
                """, arguments: ["\(escaped)@\(domain)", "\(escaped)+%@\(domain)"]) ?? 0
        }
    }
}
