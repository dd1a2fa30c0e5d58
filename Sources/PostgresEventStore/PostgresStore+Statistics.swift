import EventStore
import Foundation
import PostgresNIO

/// Counts for `events stats`, as `SQLiteStore` counts them.
extension PostgresStore {
    public func statistics(since: Date?, company: CompanySelection, topDomains: Int) throws(StoreError) -> EventStatistics {
        let action = "counting events"
        return try session.transaction(action, isolation: "REPEATABLE READ READ ONLY") {
            var stats = EventStatistics()
            var builder = StatementBuilder("")
            var scope = ""
            if let since { scope += " AND occurred_at >= \(builder.bind(since))" }
            if let scoped = company.pgCondition("company_id", &builder) { scope += " AND " + scoped }
            builder.sql = """
                SELECT kind, reason, count(*) AS n FROM events WHERE verified IS NOT FALSE \(scope)
                GROUP BY kind, reason ORDER BY kind COLLATE "C", n DESC, reason COLLATE "C"
                """
            stats.setCounts(try query(builder.query, action).map { row in
                var c = ColumnReader(row, action)
                return (kind: try c.next(), reason: try c.next(), count: try c.next())
            })
            builder.sql = "SELECT count(*) FROM events WHERE verified = false \(scope)"
            stats.unverified = try count(builder.query, action)
            builder.sql = """
                SELECT domain, n FROM (
                    SELECT lower(substr(recipient, strpos(recipient, '@') + 1)) AS domain, count(*) AS n FROM events
                    WHERE \(EventFilter.pgFailedCondition) \(scope) AND strpos(recipient, '@') > 0 GROUP BY 1) AS failing
                ORDER BY n DESC, domain COLLATE "C" LIMIT \(max(0, topDomains))
                """
            stats.topFailingDomains = try query(builder.query, action).map { row in
                var c = ColumnReader(row, action)
                return .init(name: try c.next(), count: try c.next())
            }
            var ledger = StatementBuilder("")
            var ledgerScope = "true"
            if let since { ledgerScope += " AND received_at >= \(ledger.bind(since))" }
            if let scoped = company.pgCondition("company_id", &ledger) { ledgerScope += " AND " + scoped }
            ledger.sql = "SELECT count(*), count(*) FILTER (WHERE outcome = 'unrecognized') FROM ledger WHERE \(ledgerScope)"
            if let row = try query(ledger.query, action).first {
                var c = ColumnReader(row, action)
                stats.messages = try c.next()
                stats.unrecognizedMessages = try c.next()
            }
            return stats
        }
    }

    public func countsByCompany(since: Date?) throws(StoreError) -> [CompanyCounts] {
        let action = "counting events by company"
        return try session.transaction(action, isolation: "REPEATABLE READ READ ONLY") {
            var counts: [Int64?: CompanyCounts] = [nil: CompanyCounts(company: nil)]
            var order: [Int64?] = []
            for row in try query("SELECT id, name FROM companies ORDER BY lower(name) COLLATE \"C\", id", action) {
                var c = ColumnReader(row, action)
                let id: Int64 = try c.next(), name: String = try c.next()
                counts[id] = CompanyCounts(company: name)
                order.append(id)
            }
            // `{where}` in `sql` becomes the period's condition on the table's time column.
            func each(_ timeColumn: String, _ sql: String,
                      _ body: (inout CompanyCounts, inout ColumnReader) throws -> Void) throws {
                var builder = StatementBuilder("")
                let condition = since.map { "WHERE \(timeColumn) >= \(builder.bind($0))" } ?? ""
                builder.sql = sql.replacingOccurrences(of: "{where}", with: condition)
                for row in try query(builder.query, action) {
                    var c = ColumnReader(row, action)
                    let id: Int64? = try c.next()
                    try body(&counts[id, default: CompanyCounts(company: nil)], &c)
                }
            }
            try each("occurred_at", """
                SELECT company_id, count(*) FILTER (WHERE verified IS NOT FALSE),
                    count(*) FILTER (WHERE \(EventFilter.pgFailedCondition)), count(*) FILTER (WHERE verified = false)
                FROM events {where} GROUP BY company_id
                """) { count, c in
                count.events = try c.next()
                count.failed = try c.next()
                count.unverified = try c.next()
            }
            try each("received_at", "SELECT company_id, count(*) FROM ledger {where} GROUP BY company_id") { $0.messages = try $1.next() }
            try each("created_at", "SELECT company_id, count(*) FROM outgoing {where} GROUP BY company_id") { $0.sent = try $1.next() }
            var result = order.compactMap { counts[$0] }
            if let none = counts[nil], none.messages + none.events + none.unverified + none.sent > 0 { result.append(none) }
            return result
        }
    }
}
