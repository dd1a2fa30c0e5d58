import Foundation
import GRDB

extension SQLiteStore {
    /// Statistics of the events that happened at or after `since` (nil: all) and the messages
    /// taken in since then.
    public func statistics(since: Date?, company: CompanySelection,
                           topDomains: Int) throws(StoreError) -> EventStatistics {
        try reading("counting events") { db in
            var stats = EventStatistics()
            var sinceClause = since == nil ? "" : "AND occurred_at >= :since"
            var arguments: StatementArguments = since.map { ["since": $0] } ?? [:]
            switch company {
            case .any: break
            case .company(let id):
                sinceClause += " AND company_id = :company"
                arguments += ["company": id]
            case .unattributed: sinceClause += " AND company_id IS NULL"
            }
            let rows = try Row.fetchAll(db, sql: """
                SELECT kind, reason, COUNT(*) AS n FROM events WHERE verified IS NOT 0 \(sinceClause)
                GROUP BY kind, reason ORDER BY kind, n DESC, reason
                """, arguments: arguments)
            stats.unverified = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM events WHERE verified = 0 \(sinceClause)",
                                                arguments: arguments) ?? 0
            stats.setCounts(rows.map { (kind: $0["kind"], reason: $0["reason"], count: $0["n"]) })

            let domains = try Row.fetchAll(db, sql: """
                SELECT lower(substr(recipient, instr(recipient, '@') + 1)) AS domain, COUNT(*) AS n FROM events
                WHERE \(Event.failedCondition) \(sinceClause) AND instr(recipient, '@') > 0
                GROUP BY domain ORDER BY n DESC, domain LIMIT \(topDomains)
                """, arguments: arguments)
            stats.topFailingDomains = domains.map { .init(name: $0["domain"], count: $0["n"]) }

            var ledger = LedgerEntry.all().of(company)
            if let since { ledger = ledger.received(since: since) }
            stats.messages = try ledger.fetchCount(db)
            stats.unrecognizedMessages = try ledger.filter(LedgerEntry.Columns.outcome == LedgerEntry.Outcome.unrecognized.rawValue).fetchCount(db)
            return stats
        }
    }
}

extension SQLiteStore {
    /// Counts per company (every company, also one with nothing yet, then the unattributed when
    /// there are any) of what happened at or after `since` (nil: all), by company name.
    public func countsByCompany(since: Date?) throws(StoreError) -> [CompanyCounts] {
        try reading("counting events by company") { db in
            var counts: [Int64?: CompanyCounts] = [nil: CompanyCounts(company: nil)]
            var order: [Int64?] = []
            for company in try Company.order(Company.Columns.name).fetchAll(db) {
                counts[company.id] = CompanyCounts(company: company.name)
                order.append(company.id)
            }
            let arguments: StatementArguments = since.map { [$0] } ?? []
            func each(_ sql: String, _ body: (inout CompanyCounts, Row) -> Void) throws {
                for row in try Row.fetchAll(db, sql: sql, arguments: arguments) {
                    let id: Int64? = row[0]
                    body(&counts[id, default: CompanyCounts(company: nil)], row)
                }
            }
            try each("""
                SELECT company_id, SUM(verified IS NOT 0), SUM(\(Event.failedCondition)), SUM(verified IS 0)
                FROM events \(since == nil ? "" : "WHERE occurred_at >= ?") GROUP BY company_id
                """) { count, row in
                count.events = row[1]
                count.failed = row[2]
                count.unverified = row[3]
            }
            try each("SELECT company_id, COUNT(*) FROM ledger \(since == nil ? "" : "WHERE received_at >= ?") GROUP BY company_id") {
                $0.messages = $1[1]
            }
            try each("SELECT company_id, COUNT(*) FROM outgoing \(since == nil ? "" : "WHERE created_at >= ?") GROUP BY company_id") {
                $0.sent = $1[1]
            }
            var result = order.compactMap { counts[$0] }
            if let none = counts[nil], none.messages + none.events + none.unverified + none.sent > 0 { result.append(none) }
            return result
        }
    }
}
