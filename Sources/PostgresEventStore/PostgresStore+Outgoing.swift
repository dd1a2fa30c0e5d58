import EventStore
import Foundation
import PostgresNIO

/// Sent mail read back with its recipients and matched events (`events sent`, `show --outgoing`).
extension PostgresStore {
    public func outgoingHistories(matching filter: OutgoingFilter, limit: Int?) throws(StoreError) -> [OutgoingHistory] {
        let action = "listing sent messages"
        return try session.transaction(action, isolation: "REPEATABLE READ READ ONLY") {
            var histories: [OutgoingHistory] = []
            // Without a subject to match in Swift, the limit is the statement's.
            let sqlLimit = (filter.subject ?? "").isEmpty ? limit : nil
            for row in try query(filter.pgQuery(limit: sqlLimit), action) {
                if let limit, histories.count >= limit { break }
                let record = try OutgoingRecord(pg: row)
                guard filter.accepts(record) else { continue }
                histories.append(try history(of: record, action))
            }
            return histories
        }
    }

    public func outgoingHistory(id: Int64) throws(StoreError) -> OutgoingHistory? {
        let action = "reading a sent message"
        return try session.transaction(action, isolation: "REPEATABLE READ READ ONLY") {
            try outgoingRecord(id: id, action).map { try history(of: $0, action) }
        }
    }

    public func sendingUsers(company: CompanySelection) throws(StoreError) -> [String] {
        let action = "reading sent messages"
        return try reading(action) {
            var builder = StatementBuilder("")
            let scoped = company.pgCondition("company_id", &builder)
            // One spelling per user code (any case), as SQLite's DISTINCT on a NOCASE column gives.
            builder.sql = "SELECT min(user_code) FROM outgoing" + (scoped.map { " WHERE " + $0 } ?? "")
                + " GROUP BY lower(user_code) ORDER BY lower(user_code) COLLATE \"C\""
            return try query(builder.query, action).map { try $0.first(String.self) }
        }
    }

    private func history(of record: OutgoingRecord, _ action: String) throws -> OutgoingHistory {
        let id = record.id ?? 0
        let recipients = try recipients(of: id, action)
        let events = try query("""
            SELECT \(unescaped: Event.pgColumns) FROM events WHERE outgoing_id = \(id) ORDER BY occurred_at, id
            """, action).map(Event.init(pg:))
        return OutgoingHistory(record: record, recipients: recipients, matchedEvents: events)
    }
}

extension OutgoingFilter {
    /// The SQL conditions (company, user, recipient, since), newest first; the subject is matched
    /// in Swift by `accepts`, as on SQLite.
    func pgQuery(limit: Int?) -> PostgresQuery {
        var builder = StatementBuilder("")
        var conditions: [String] = []
        if let scoped = company.pgCondition("outgoing.company_id", &builder) { conditions.append(scoped) }
        if let userCode { conditions.append("lower(user_code) = lower(\(builder.bind(userCode)))") }
        if let since { conditions.append("created_at >= \(builder.bind(since))") }
        if let recipient {
            let match = Self.domain(recipient).map { domain in
                "lower(r.address) LIKE lower(\(builder.bind("%@" + LikePattern.escaped(domain)))) ESCAPE '\\'"
            } ?? "lower(r.address) = lower(\(builder.bind(recipient)))"
            conditions.append("EXISTS (SELECT 1 FROM outgoing_recipients r WHERE r.outgoing_id = outgoing.id AND \(match))")
        }
        builder.sql = "SELECT \(OutgoingRecord.pgColumns) FROM outgoing"
            + (conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND "))
            + " ORDER BY created_at DESC, id DESC"
        if let limit { builder.sql += " LIMIT \(builder.bind(Int64(limit)))" }
        return builder.query
    }
}
