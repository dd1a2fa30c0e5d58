import EventStore
import Foundation
import Testing

/// `replaceEvents`: a new classification of stored messages, events updated in place in id order.
@Suite("Conformance: reparse")
struct ConformanceReparseTests {
    typealias F = Fixture

    /// The events of one message, by id.
    static func events(of ledgerID: Int64, in store: any EventStore) throws -> [Event] {
        try store.listedEvents().filter { $0.ledgerID == ledgerID }.sorted { ($0.id ?? 0) < ($1.id ?? 0) }
    }

    @Test("as many new events as old keep the old ids, in order", arguments: StoreKinds.all)
    func sameCount(_ kind: StoreKind) throws {
        try withFreshStore(kind) { store in
            let ledgerID = try store.storedID(F.message("m", [F.event("bounce", "a@example.org", at: F.t0 + 1),
                                                               F.event("bounce", "b@example.org", at: F.t0 + 2)]))
            let other = try store.storedID(F.message("other", [F.event("delay", "o@example.org")]))
            let before = try Self.events(of: ledgerID, in: store)
            let otherBefore = try Self.events(of: other, in: store)

            let new = [F.event("delay", "A@example.org", reason: "expired", at: F.t0 + 5),
                       F.event("bounce", "b@example.org", reason: "mailboxfull", at: F.t0 + 3)]
            try store.replaceEvents([EventReplacement(ledgerID: ledgerID, events: new, outcome: .classified)],
                                    parserVersion: "2.0")
            let after = try Self.events(of: ledgerID, in: store)
            #expect(after.map(\.id) == before.map(\.id))
            try #require(before.count == new.count)
            var expected = new
            for index in expected.indices {
                expected[index].id = before[index].id
                expected[index].ledgerID = ledgerID
            }
            #expect(after == expected)
            #expect(try Self.events(of: other, in: store) == otherBefore)
        }
    }

    @Test("extra new events are inserted, extra old ones deleted", arguments: StoreKinds.all)
    func moreAndFewer(_ kind: StoreKind) throws {
        try withFreshStore(kind) { store in
            let grows = try store.storedID(F.message("grows", [F.event("bounce", "a@example.org")]))
            let shrinks = try store.storedID(F.message("shrinks", [F.event("bounce", "x@example.org"),
                                                                   F.event("bounce", "y@example.org"),
                                                                   F.event("bounce", "z@example.org")]))
            let grew = try Self.events(of: grows, in: store), shrank = try Self.events(of: shrinks, in: store)
            try #require(grew.count == 1 && shrank.count == 3)
            let highest = try store.listedIDs().max() ?? 0
            try store.replaceEvents([
                EventReplacement(ledgerID: grows, events: [F.event("bounce", "a1@example.org"),
                                                           F.event("bounce", "a2@example.org"),
                                                           F.event("bounce", "a3@example.org")], outcome: .classified),
                EventReplacement(ledgerID: shrinks, events: [F.event("delay", "x1@example.org")], outcome: .classified),
            ], parserVersion: "2.0")

            let grown = try Self.events(of: grows, in: store)
            #expect(grown.map(\.recipient) == ["a1@example.org", "a2@example.org", "a3@example.org"])
            #expect(grown.first?.id == grew.first?.id)
            #expect(grown.dropFirst().allSatisfy { ($0.id ?? 0) > highest }, "new events get new ids")
            let shrunk = try Self.events(of: shrinks, in: store)
            #expect(shrunk.map(\.id) == [shrank[0].id] && shrunk.map(\.kind) == ["delay"])
            for gone in shrank.dropFirst() {
                #expect(throws: StoreError.self) { _ = try store.eventDetail(id: gone.id ?? 0) }
            }
            #expect(try store.listedEvents().count == 4)
        }
    }

    @Test("a new event without a match keeps the old one's; one with a match takes it", arguments: StoreKinds.all)
    func keepsTheMatch(_ kind: StoreKind) throws {
        try withFreshStore(kind) { store in
            let first = try store.recordedID(F.draft(subject: "first"), to: ["a@example.org", "b@example.org"])
            let second = try store.recordedID(F.draft(subject: "second"), to: ["b@example.org"])
            let ledgerID = try store.storedID(F.message("m", [
                F.event("bounce", "a@example.org", outgoingID: first, verified: true),
                F.event("bounce", "b@example.org", outgoingID: first, verified: true),
            ]))
            var rematched = F.event("bounce", "b@example.org", reason: "mailboxfull", outgoingID: second, verified: true)
            rematched.matchMethod = "envid"
            try store.replaceEvents([EventReplacement(ledgerID: ledgerID, events: [
                F.event("bounce", "a@example.org", reason: "mailboxfull"), rematched,
            ], outcome: .classified)], parserVersion: "2.0")

            let after = try Self.events(of: ledgerID, in: store)
            #expect(after.map(\.reason) == ["mailboxfull", "mailboxfull"])
            #expect(after.map(\.outgoingID) == [first, second])
            #expect(after.map(\.matchMethod) == ["tag", "envid"])
            #expect(after.map(\.verified) == [true, true])
            #expect(try store.listedRecipients(EventFilter(outgoingID: first)) == ["a@example.org"])
        }
    }

    @Test("the message's company is kept, or replaced with its address; its events follow", arguments: StoreKinds.all)
    func company(_ kind: StoreKind) throws {
        try withFreshStore(kind) { store in
            let acme = try store.addedCompany("acme"), beta = try store.addedCompany("beta")
            let ledgerID = try store.storedID(F.message("m", company: acme, deliveredTo: "acme@event.test",
                                                        [F.event("bounce", "a@example.org")]))
            try store.replaceEvents([EventReplacement(ledgerID: ledgerID, events: [
                F.event("bounce", "a@example.org", reason: "mailboxfull"), F.event("delay", "b@example.org"),
            ], outcome: .classified)], parserVersion: "2.0")
            #expect(try Self.events(of: ledgerID, in: store).map(\.companyID) == [acme, acme])
            let kept = try store.eventDetail(id: try #require(try store.listedIDs().first)).message
            #expect(kept?.companyID == acme && kept?.deliveredTo == "acme@event.test")

            try store.replaceEvents([EventReplacement(ledgerID: ledgerID, events: [
                F.event("bounce", "a@example.org"), F.event("delay", "b@example.org"), F.event("delay", "c@example.org"),
            ], outcome: .classified, company: (id: beta, deliveredTo: "Beta+m1r0.x@event.test"))], parserVersion: "3.0")
            #expect(try Self.events(of: ledgerID, in: store).map(\.companyID) == [beta, beta, beta])
            let moved = try store.eventDetail(id: try #require(try store.listedIDs().first)).message
            #expect(moved?.companyID == beta && moved?.deliveredTo == "Beta+m1r0.x@event.test")
            #expect(try store.listedEvents(EventFilter(company: .company(acme))).isEmpty)
            #expect(try store.messageCounts(since: nil, company: .company(beta)) == (messages: 1, pruned: 0))

            try store.replaceEvents([EventReplacement(ledgerID: ledgerID, events: [F.event("bounce", "a@example.org")],
                                                      outcome: .classified, company: (id: acme, deliveredTo: nil))],
                                    parserVersion: "4.0")
            let back = try store.eventDetail(id: try #require(try store.listedIDs().first)).message
            #expect(back?.companyID == acme && back?.deliveredTo == nil)
        }
    }

    @Test("the parser version and outcome of replaced messages, only theirs", arguments: StoreKinds.all)
    func versionAndOutcome(_ kind: StoreKind) throws {
        try withFreshStore(kind) { store in
            let replaced = try store.storedID(F.message("r", [F.event("bounce", "r@example.org")]))
            let untouched = try store.storedID(F.message("u", [F.event("bounce", "u@example.org")]))
            try store.replaceEvents([EventReplacement(ledgerID: replaced, events: [
                F.event("unrecognized", nil, reason: "unrecognized"),
            ], outcome: .unrecognized)], parserVersion: "2.0")

            var entries: [Int64: LedgerEntry] = [:]
            try store.forEachStoredMessageBatch(since: nil) { batch in
                for entry in batch { entries[entry.id ?? 0] = entry }
            }
            #expect(entries[replaced]?.parserVersion == "2.0" && entries[replaced]?.outcome == .unrecognized)
            #expect(entries[untouched]?.parserVersion == "1.0" && entries[untouched]?.outcome == .classified)
            #expect(entries[replaced]?.raw == F.raw("r"), "the raw bytes stay")
            let stats = try store.statistics(since: nil)
            #expect(stats.unrecognizedMessages == 1 && stats.byKind.map(\.name).sorted() == ["bounce", "unrecognized"])
        }
    }
}
