import EventStore
import Foundation
import Testing

/// `statistics`, `messageCounts` and `countsByCompany`: what `events stats` prints.
@Suite("Conformance: statistics")
struct ConformanceStatisticsTests {
    typealias F = Fixture
    typealias Count = EventStatistics.Count

    /// Nine counted events of four kinds, one unverified bounce, one unrecognized message.
    static func seed(_ store: any EventStore, company: Int64? = nil) throws {
        _ = try store.store([
            F.message("bounces", company: company, [
                F.event("bounce", "a@Example.ORG", reason: "userunknown"),
                F.event("bounce", "b@example.org", reason: "userunknown"),
                F.event("bounce", "c@other.test", reason: "mailboxfull"),
                F.event("bounce", "d@alpha.test", reason: "blocked"),
                F.event("bounce", "z@forged.test", reason: "userunknown", verified: false),
            ]),
            F.message("others", company: company, [
                F.event("delivered", "e@example.org", reason: "delivered"),
                F.event("delay", "f@example.org", reason: "expired"),
                F.event("delivered", "g@example.org", reason: "delivered"),
                F.event("delay", "h@example.org", reason: "expired"),
                F.event("complaint", "i@example.org", reason: "feedback"),
            ]),
            (F.entry("junk", company: company, outcome: .unrecognized), [F.event("unrecognized", nil, reason: "unrecognized")]),
        ])
    }

    @Test("kinds by count then name, reasons by count then name, unverified left out", arguments: StoreKinds.all)
    func byKindAndReason(_ kind: StoreKind) throws {
        try withFreshStore(kind) { store in
            try Self.seed(store)
            let stats = try store.statistics(since: nil, company: .any, topDomains: 10)
            #expect(stats.events == 10)
            #expect(stats.unverified == 1)
            #expect(stats.byKind == [Count(name: "bounce", count: 4), Count(name: "delay", count: 2),
                                     Count(name: "delivered", count: 2), Count(name: "complaint", count: 1),
                                     Count(name: "unrecognized", count: 1)])
            #expect(stats.byReason.map(\.kind) == ["bounce", "delay", "delivered", "complaint", "unrecognized"])
            #expect(stats.byReason.first?.reasons == [Count(name: "userunknown", count: 2), Count(name: "blocked", count: 1),
                                                      Count(name: "mailboxfull", count: 1)])
            #expect(stats.byReason.dropFirst().map(\.reasons) == [[Count(name: "expired", count: 2)],
                                                                 [Count(name: "delivered", count: 2)],
                                                                 [Count(name: "feedback", count: 1)],
                                                                 [Count(name: "unrecognized", count: 1)]])
            #expect(stats.messages == 3 && stats.unrecognizedMessages == 1)
        }
    }

    @Test("the domains with most failures, lowercased, by count then name, at most topDomains",
          arguments: StoreKinds.all)
    func topFailingDomains(_ kind: StoreKind) throws {
        try withFreshStore(kind) { store in
            try Self.seed(store)
            var record = try store.recorded(F.draft(), to: ["s@Alpha.Test"])
            record.state = .failed
            var error = F.event("submission_error", "s@Alpha.Test", reason: "authfailure",
                                outgoingID: record.id, verified: true)
            error.matchMethod = "submission"
            try store.finishOutgoing(record, recipients: [], events: [error])

            let all = try store.statistics(since: nil, company: .any, topDomains: 10)
            #expect(all.topFailingDomains == [Count(name: "alpha.test", count: 2), Count(name: "example.org", count: 2),
                                              Count(name: "other.test", count: 1)])
            #expect(all.byKind.map(\.name) == ["bounce", "delay", "delivered", "complaint", "submission_error", "unrecognized"])
            let top = try store.statistics(since: nil, company: .any, topDomains: 2)
            #expect(top.topFailingDomains.map(\.name) == ["alpha.test", "example.org"])
            #expect(try store.statistics(since: nil).topFailingDomains.count == 3)
        }
    }

    @Test("since: events by when they occurred, messages by when they were taken in", arguments: StoreKinds.all)
    func since(_ kind: StoreKind) throws {
        try withFreshStore(kind) { store in
            _ = try store.store([
                F.message("early", at: F.t0, [F.event("bounce", "a@example.org", at: F.t0)]),
                // Taken in later, about something that happened before.
                F.message("late", at: F.t0 + F.day, [F.event("bounce", "b@example.org", at: F.t0 + 10),
                                                     F.event("delay", "c@example.org", at: F.t0 + F.day)]),
                (F.entry("junk", at: F.t0 + 2 * F.day, outcome: .unrecognized), []),
            ])
            let stats = try store.statistics(since: F.t0 + F.day)
            #expect(stats.events == 1 && stats.byKind == [Count(name: "delay", count: 1)])
            #expect(stats.topFailingDomains.isEmpty)
            #expect(stats.messages == 2 && stats.unrecognizedMessages == 1)
            let from10 = try store.statistics(since: F.t0 + 10)
            #expect(from10.events == 2 && from10.messages == 2)
            let everything = try store.statistics(since: nil)
            #expect(everything.events == 3 && everything.messages == 3)
            #expect(Self.isEmpty(try store.statistics(since: F.t0 + 3 * F.day)))
        }
    }

    @Test("statistics of one company or of the unattributed", arguments: StoreKinds.all)
    func companyScope(_ kind: StoreKind) throws {
        try withFreshStore(kind) { store in
            let acme = try store.addedCompany("acme"), beta = try store.addedCompany("beta")
            try Self.seed(store, company: acme)
            _ = try store.store([F.message("u1", [F.event("bounce", "u@unattributed.test")]),
                                 F.message("u2", [F.event("bounce", "v@unattributed.test", verified: false)])])
            let mine = try store.statistics(since: nil, company: .company(acme))
            #expect(mine.events == 10 && mine.unverified == 1 && mine.messages == 3 && mine.unrecognizedMessages == 1)
            #expect(mine.topFailingDomains.map(\.name) == ["example.org", "alpha.test", "other.test"])
            let none = try store.statistics(since: nil, company: .unattributed)
            #expect(none.events == 1 && none.unverified == 1 && none.messages == 2 && none.unrecognizedMessages == 0)
            #expect(none.topFailingDomains == [Count(name: "unattributed.test", count: 1)])
            #expect(Self.isEmpty(try store.statistics(since: nil, company: .company(beta))))
            let all = try store.statistics(since: nil)
            #expect(all.events == 11 && all.unverified == 2 && all.messages == 5)
        }
    }

    @Test("messageCounts: messages taken in since, and how many of them were pruned", arguments: StoreKinds.all)
    func messageCounts(_ kind: StoreKind) throws {
        try withFreshStore(kind) { store in
            let acme = try store.addedCompany("acme")
            _ = try store.store([F.message("a", at: F.t0, company: acme), F.message("b", at: F.t0 + 60, company: acme),
                                 F.message("c", at: F.t0 + 120)])
            _ = try store.pruneRaw(receivedBefore: F.t0 + 61, company: .any, now: F.t0 + F.day)
            #expect(try store.messageCounts(since: nil) == (messages: 3, pruned: 2))
            #expect(try store.messageCounts(since: F.t0 + 60) == (messages: 2, pruned: 1))
            #expect(try store.messageCounts(since: F.t0 + 60.5) == (messages: 1, pruned: 0))
            #expect(try store.messageCounts(since: nil, company: .company(acme)) == (messages: 2, pruned: 2))
            #expect(try store.messageCounts(since: nil, company: .unattributed) == (messages: 1, pruned: 0))
        }
    }

    @Test("counts by company: every company by name, then the unattributed when there are any",
          arguments: StoreKinds.all)
    func countsByCompany(_ kind: StoreKind) throws {
        try withFreshStore(kind) { store in
            #expect(try store.countsByCompany(since: nil) == [])
            _ = try store.store([F.message("before", at: F.t0, [F.event("bounce", "x@example.org")])])
            #expect(try store.countsByCompany(since: nil) == [Self.counts(nil, messages: 1, events: 1, failed: 1)])

            let beta = try store.addedCompany("beta") // adopts "before"
            let acme = try store.addedCompany("acme")
            _ = try store.addedCompany("carol")
            _ = try store.store([
                F.message("a", at: F.t0 + F.day, company: acme, [
                    F.event("bounce", "a@example.org", at: F.t0 + F.day),
                    F.event("delay", "b@example.org", at: F.t0 + F.day),
                    F.event("bounce", "c@example.org", at: F.t0 + F.day, verified: false),
                ]),
                F.message("u", at: F.t0 + F.day, [F.event("bounce", "u@example.org", at: F.t0 + F.day)]),
            ])
            _ = try store.recordedID(F.draft(at: F.t0 + F.day, company: acme), to: ["a@example.org"])
            _ = try store.recordedID(F.draft(at: F.t0, company: beta), to: ["b@example.org"])

            #expect(try store.countsByCompany(since: nil) == [
                Self.counts("acme", messages: 1, events: 2, failed: 1, unverified: 1, sent: 1),
                Self.counts("beta", messages: 1, events: 1, failed: 1, sent: 1),
                Self.counts("carol"),
                Self.counts(nil, messages: 1, events: 1, failed: 1),
            ])
            #expect(try store.countsByCompany(since: F.t0 + F.day) == [
                Self.counts("acme", messages: 1, events: 2, failed: 1, unverified: 1, sent: 1),
                Self.counts("beta"), Self.counts("carol"),
                Self.counts(nil, messages: 1, events: 1, failed: 1),
            ])
            #expect(try store.countsByCompany(since: F.t0 + 2 * F.day) == [Self.counts("acme"), Self.counts("beta"),
                                                                           Self.counts("carol")])
        }
    }

    /// Whether `stats` counts nothing at all.
    static func isEmpty(_ stats: EventStatistics) -> Bool {
        stats.events == 0 && stats.unverified == 0 && stats.byKind.isEmpty && stats.byReason.isEmpty
            && stats.topFailingDomains.isEmpty && stats.messages == 0 && stats.unrecognizedMessages == 0
    }

    static func counts(_ company: String?, messages: Int = 0, events: Int = 0, failed: Int = 0, unverified: Int = 0,
                       sent: Int = 0) -> CompanyCounts {
        var counts = CompanyCounts(company: company)
        counts.messages = messages
        counts.events = events
        counts.failed = failed
        counts.unverified = unverified
        counts.sent = sent
        return counts
    }
}
