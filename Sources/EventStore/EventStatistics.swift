import Foundation
import GRDB

/// Counts for `events stats`: events by kind and by kind and reason, the domains with the most
/// failures, and the messages taken in. Unverified events (a tag that does not verify, names no
/// message sent from here, or vouches for another recipient) are in none of the counts, as they
/// are not in `events list --failed`; `unverified` says how many were left out.
public struct EventStatistics: Sendable, Equatable {
    /// A name and how often it occurs.
    public struct Count: Sendable, Equatable {
        public let name: String
        public let count: Int

        public init(name: String, count: Int) {
            self.name = name
            self.count = count
        }
    }

    /// Reasons counted within one kind.
    public struct KindReasons: Sendable, Equatable {
        public let kind: String
        public let reasons: [Count]
    }

    public var events = 0
    /// Events left out of every count because their tag did not verify for their recipient.
    public var unverified = 0
    public var byKind: [Count] = []
    public var byReason: [KindReasons] = []
    public var topFailingDomains: [Count] = []
    public var messages = 0
    public var unrecognizedMessages = 0
}

extension EventStore {
    /// Statistics of the events that happened at or after `since` (nil: all) and the messages
    /// taken in since then.
    public func statistics(since: Date?, topDomains: Int = 10) throws(StoreError) -> EventStatistics {
        try reading("counting events") { db in
            var stats = EventStatistics()
            let sinceClause = since == nil ? "" : "AND occurred_at >= :since"
            let arguments: StatementArguments = since.map { ["since": $0] } ?? [:]
            let rows = try Row.fetchAll(db, sql: """
                SELECT kind, reason, COUNT(*) AS n FROM events WHERE verified IS NOT 0 \(sinceClause)
                GROUP BY kind, reason ORDER BY kind, n DESC, reason
                """, arguments: arguments)
            stats.unverified = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM events WHERE verified = 0 \(sinceClause)",
                                                arguments: arguments) ?? 0
            var kinds: [(String, Int, [EventStatistics.Count])] = []
            for row in rows {
                let kind: String = row["kind"], reason: String = row["reason"], n: Int = row["n"]
                if kinds.last?.0 != kind { kinds.append((kind, 0, [])) }
                kinds[kinds.count - 1].1 += n
                kinds[kinds.count - 1].2.append(.init(name: reason, count: n))
                stats.events += n
            }
            kinds.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
            stats.byKind = kinds.map { .init(name: $0.0, count: $0.1) }
            stats.byReason = kinds.map { .init(kind: $0.0, reasons: $0.2) }

            let domains = try Row.fetchAll(db, sql: """
                SELECT lower(substr(recipient, instr(recipient, '@') + 1)) AS domain, COUNT(*) AS n FROM events
                WHERE \(Event.failedCondition) \(sinceClause) AND instr(recipient, '@') > 0
                GROUP BY domain ORDER BY n DESC, domain LIMIT \(topDomains)
                """, arguments: arguments)
            stats.topFailingDomains = domains.map { .init(name: $0["domain"], count: $0["n"]) }

            var ledger = LedgerEntry.all()
            if let since { ledger = ledger.received(since: since) }
            stats.messages = try ledger.fetchCount(db)
            stats.unrecognizedMessages = try ledger.filter(LedgerEntry.Columns.outcome == LedgerEntry.Outcome.unrecognized.rawValue).fetchCount(db)
            return stats
        }
    }
}
