import EventStore
import Foundation
import PostgresNIO

extension EventFilter {
    /// The conditions as PostgreSQL SQL, newest first, `limit` rows after the row `after` (its
    /// time and id) in that order. The same meaning as `request` on SQLite: addresses, domains and
    /// subjects compared without case.
    func pgQuery(after: (Date, Int64)?, limit: Int) -> PostgresQuery {
        var builder = StatementBuilder("")
        var conditions: [String] = []
        if let scoped = company.pgCondition("events.company_id", &builder) { conditions.append(scoped) }
        if failedOnly { conditions.append(Self.pgFailedCondition) }
        if let since { conditions.append("occurred_at >= \(builder.bind(since))") }
        if let until { conditions.append("occurred_at < \(builder.bind(until))") }
        switch recipient.map(RecipientMatch.init) {
        case .address(let address)?: conditions.append("lower(recipient) = lower(\(builder.bind(address)))")
        case .domain(let domain)?: conditions.append(Self.domainCondition(domain, &builder))
        case nil: break
        }
        if let domain { conditions.append(Self.domainCondition(RecipientMatch.bareDomain(domain), &builder)) }
        if let subject {
            let pattern = builder.bind("%" + LikePattern.escaped(subject) + "%")
            conditions.append("""
                (original_subject ILIKE \(pattern) ESCAPE '\\' \
                OR outgoing_id IN (SELECT id FROM outgoing WHERE subject ILIKE \(pattern) ESCAPE '\\'))
                """)
        }
        if let reason { conditions.append("reason = \(builder.bind(reason))") }
        if let kind { conditions.append("kind = \(builder.bind(kind))") }
        if let userCode {
            conditions.append("outgoing_id IN (SELECT id FROM outgoing WHERE lower(user_code) = lower(\(builder.bind(userCode))))")
        }
        if let outgoingID { conditions.append("outgoing_id = \(builder.bind(outgoingID))") }
        if let (time, id) = after {
            conditions.append("(occurred_at, id) < (\(builder.bind(time)), \(builder.bind(id)))")
        }
        builder.sql = "SELECT \(Event.pgColumns) FROM events"
            + (conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND "))
            + " ORDER BY occurred_at DESC, id DESC LIMIT \(builder.bind(Int64(limit)))"
        return builder.query
    }

    /// Bounces and submission failures except unverified ones, as the partial index
    /// events_failed_time is defined (so the planner can use it).
    static let pgFailedCondition = "kind IN ('bounce', 'submission_error') AND verified IS NOT FALSE"

    /// A recipient at exactly `domain`, any case.
    private static func domainCondition(_ domain: String, _ builder: inout StatementBuilder) -> String {
        "lower(recipient) LIKE lower(\(builder.bind("%@" + LikePattern.escaped(domain)))) ESCAPE '\\'"
    }
}
