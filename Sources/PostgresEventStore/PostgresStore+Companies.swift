import EventStore
import Foundation
import PostgresNIO

/// The companies of the ERP: adding, listing and removing them.
extension PostgresStore {
    public func companies() throws(StoreError) -> [Company] {
        let action = "reading the companies"
        return try reading(action) {
            try query("SELECT id, name, created_at FROM companies ORDER BY lower(name) COLLATE \"C\", id", action).map(Company.init(pg:))
        }
    }

    public func companyCount() throws(StoreError) -> Int {
        let action = "counting the companies"
        return try reading(action) { try count("SELECT count(*) FROM companies", action) }
    }

    public func company(named name: String) throws(StoreError) -> Company? {
        let action = "reading the companies"
        return try reading(action) {
            try query("SELECT id, name, created_at FROM companies WHERE lower(name) = lower(\(name))", action)
                .first.map(Company.init(pg:))
        }
    }

    public func company(id: Int64) throws(StoreError) -> Company? {
        let action = "reading the companies"
        return try reading(action) {
            try query("SELECT id, name, created_at FROM companies WHERE id = \(id)", action).first.map(Company.init(pg:))
        }
    }

    /// Adds a company; the first adopts every row stored before there were companies. The
    /// transaction locks the companies table first, so two hosts adding the first company at
    /// once cannot both adopt.
    public func addCompany(named name: String, now: Date) throws(StoreError) -> AddedCompany {
        let action = "adding a company"
        return try writing(action) {
            try execute("LOCK TABLE companies IN SHARE ROW EXCLUSIVE MODE", action)
            if let existing = try query("SELECT id, name, created_at FROM companies WHERE lower(name) = lower(\(name))", action)
                .first.map(Company.init(pg:)) {
                return .exists(existing)
            }
            let first = try count("SELECT count(*) FROM companies", action) == 0
            let id = try scalar("""
                INSERT INTO companies (name, created_at) VALUES (\(name), \(Timestamp(now))) RETURNING id
                """, action, as: Int64.self) ?? 0
            let company = Company(id: id, name: name, createdAt: Timestamp(now).date)
            var adopted = CompanyHoldings()
            if first {
                adopted.messages = try execute("UPDATE ledger SET company_id = \(id) WHERE company_id IS NULL", action)
                adopted.events = try execute("UPDATE events SET company_id = \(id) WHERE company_id IS NULL", action)
                adopted.sent = try execute("UPDATE outgoing SET company_id = \(id) WHERE company_id IS NULL", action)
                adopted.profiles = try execute("UPDATE smtp_profiles SET company_id = \(id) WHERE company_id IS NULL", action)
                let names = Setting.Name.allCases.filter(\.isPerCompany).map(\.rawValue)
                for setting in names {
                    try execute("""
                        INSERT INTO company_settings (company_id, name, value, updated_at)
                        SELECT \(id), name, value, updated_at FROM settings WHERE name = \(setting)
                        """, action)
                    try execute("DELETE FROM settings WHERE name = \(setting)", action)
                }
            }
            return .added(company, adopted: adopted)
        }
    }

    public func removeCompany(id: Int64, deletingData: Bool) throws(StoreError) -> RemovedCompany {
        let action = "removing a company"
        return try writing(action) {
            let holdings = try holdings(of: id, action)
            if !holdings.isEmpty && !deletingData { return .holdsData(holdings) }
            try execute("DELETE FROM companies WHERE id = \(id)", action)
            return .removed(holdings)
        }
    }

    public func companyHoldings() throws(StoreError) -> [Int64: CompanyHoldings] {
        let action = "counting what each company holds"
        return try reading(action) {
            var holdings: [Int64: CompanyHoldings] = [:]
            for (table, path) in [("ledger", \CompanyHoldings.messages), ("events", \.events), ("outgoing", \.sent),
                                  ("smtp_profiles", \.profiles)] {
                let rows = try query("""
                    SELECT company_id, count(*) FROM \(unescaped: table) WHERE company_id IS NOT NULL GROUP BY company_id
                    """, action)
                for row in rows {
                    var c = ColumnReader(row, action)
                    let id: Int64 = try c.next(), count: Int = try c.next()
                    holdings[id, default: CompanyHoldings()][keyPath: path] = count
                }
            }
            return holdings
        }
    }

    private func holdings(of id: Int64, _ action: String) throws -> CompanyHoldings {
        func count(_ table: String) throws -> Int {
            try self.count("SELECT count(*) FROM \(unescaped: table) WHERE company_id = \(id)", action)
        }
        return CompanyHoldings(messages: try count("ledger"), events: try count("events"), sent: try count("outgoing"),
                               profiles: try count("smtp_profiles"))
    }

    public func unattributedMessages(addressedTo name: String, domain: String) throws(StoreError) -> Int {
        let action = "counting unattributed messages"
        return try reading(action) {
            let escaped = LikePattern.escaped(name), domain = LikePattern.escaped(domain)
            return try count("""
                SELECT count(*) FROM ledger WHERE company_id IS NULL
                AND (delivered_to ILIKE \("\(escaped)@\(domain)") ESCAPE '\\'
                     OR delivered_to ILIKE \("\(escaped)+%@\(domain)") ESCAPE '\\')
                """, action)
        }
    }
}
