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

        public init(kind: String, reasons: [Count]) {
            self.kind = kind
            self.reasons = reasons
        }
    }

    public init() {}

    /// Sets the events, by kind and by kind and reason, from counts per (kind, reason) in kind
    /// order: kinds by count then name, each kind's reasons in the order given.
    public mutating func setCounts(_ rows: [(kind: String, reason: String, count: Int)]) {
        var kinds: [(String, Int, [Count])] = []
        for row in rows {
            if kinds.last?.0 != row.kind { kinds.append((row.kind, 0, [])) }
            kinds[kinds.count - 1].1 += row.count
            kinds[kinds.count - 1].2.append(.init(name: row.reason, count: row.count))
        }
        kinds.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        events = kinds.reduce(0) { $0 + $1.1 }
        byKind = kinds.map { .init(name: $0.0, count: $0.1) }
        byReason = kinds.map { .init(kind: $0.0, reasons: $0.2) }
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

/// One company's counts, for `events stats --by-company`.
public struct CompanyCounts: Sendable, Equatable {
    /// nil: the messages that named no known company.
    public var company: String?
    /// Messages taken in.
    public var messages = 0
    /// Events, unverified ones left out.
    public var events = 0
    /// Of those, failures (as `events list --failed` counts them).
    public var failed = 0
    /// Events left out because their tag did not verify.
    public var unverified = 0
    /// Messages sent.
    public var sent = 0

    public init(company: String?) {
        self.company = company
    }
}

