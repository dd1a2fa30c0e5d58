import EventStore
import Foundation
import Testing

/// `outgoingHistories` and `outgoingHistory`: sent mail newest first, each recipient with the
/// events about it, selected by `OutgoingFilter`.
@Suite("Conformance: sent mail history")
struct ConformanceOutgoingHistoryTests {
    typealias F = Fixture

    /// The subjects of the messages `filter` selects, in the store's order.
    static func subjects(_ store: any EventStore, _ filter: OutgoingFilter, limit: Int? = nil) throws -> [String] {
        try store.outgoingHistories(matching: filter, limit: limit).map(\.record.subject)
    }

    @Test("newest first (the higher id first at the same moment), recipients with their events oldest first",
          arguments: StoreKinds.all)
    func histories(_ kind: StoreKind) throws {
        try withFreshStore(kind) { store in
            var sent = try store.recorded(F.draft(subject: "first", at: F.t0), to: ["Ann@example.org", "bob@example.org"])
            let first = try #require(sent.id)
            sent.state = .sent
            try store.finishOutgoing(sent, recipients: ["Ann@example.org", "bob@example.org"].map {
                OutgoingRecipient(outgoingID: first, address: $0, state: .accepted, smtpReply: "250 ok")
            }, events: [])
            _ = try store.recordedID(F.draft(subject: "second", at: F.t0 + 60), to: ["c@example.org"])
            _ = try store.recordedID(F.draft(subject: "third", at: F.t0 + 60), to: ["d@example.org"])
            _ = try store.store([F.message("reports", [
                F.event("bounce", "ann@EXAMPLE.org", at: F.t0 + 100, outgoingID: first, verified: true),
                F.event("delay", "ann@example.org", reason: "expired", at: F.t0 + 50, outgoingID: first, verified: true),
                F.event("bounce", nil, at: F.t0 + 70, outgoingID: first, verified: true),
                F.event("bounce", "zed@example.org", at: F.t0 + 80, outgoingID: first, verified: false),
                F.event("bounce", "bob@example.org", at: F.t0 + 90), // not matched
            ])])

            let all = try store.outgoingHistories(matching: OutgoingFilter(), limit: nil)
            #expect(all.map(\.record.subject) == ["third", "second", "first"])
            let history = try #require(all.last)
            #expect(history.record == (try store.outgoing(id: first)))
            #expect(history.recipients.map(\.recipient.address) == ["Ann@example.org", "bob@example.org"])
            #expect(history.recipients.first?.events.map(\.kind) == ["delay", "bounce"])
            #expect(history.recipients.first?.events.map(\.occurredAt) == [F.t0 + 50, F.t0 + 100])
            #expect(history.recipients.map(\.outcome) == [.bounced, .accepted])
            #expect(history.otherEvents.map(\.recipient) == [nil, "zed@example.org"])

            let one = try #require(try store.outgoingHistory(id: first))
            #expect(one.record == history.record)
            #expect(one.recipients.map { $0.events.map(\.id) } == history.recipients.map { $0.events.map(\.id) })
            #expect(one.otherEvents == history.otherEvents)
            #expect(try Self.subjects(store, OutgoingFilter(), limit: 2) == ["third", "second"])
        }
    }

    @Test("by user (any case), since (inclusive) and company", arguments: StoreKinds.all)
    func userSinceCompany(_ kind: StoreKind) throws {
        try withFreshStore(kind) { store in
            let acme = try store.addedCompany("acme"), beta = try store.addedCompany("beta")
            _ = try store.recordedID(F.draft(user: "MARI", subject: "m1", at: F.t0, company: acme), to: ["a@example.org"])
            _ = try store.recordedID(F.draft(user: "MARI", subject: "m2", at: F.t0 + 60, company: beta), to: ["a@example.org"])
            _ = try store.recordedID(F.draft(user: "JAAN", subject: "j1", at: F.t0 + 120, company: acme), to: ["a@example.org"])
            _ = try store.recordedID(F.draft(user: "MARI", subject: "m3", at: F.t0 + 180), to: ["a@example.org"])

            #expect(try Self.subjects(store, OutgoingFilter(userCode: "MARI")) == ["m3", "m2", "m1"])
            #expect(try Self.subjects(store, OutgoingFilter(userCode: "mari")) == ["m3", "m2", "m1"])
            #expect(try Self.subjects(store, OutgoingFilter(userCode: "MAR")) == [])
            #expect(try Self.subjects(store, OutgoingFilter(since: F.t0 + 60)) == ["m3", "j1", "m2"])
            #expect(try Self.subjects(store, OutgoingFilter(since: F.t0 + 60.25)) == ["m3", "j1"])
            #expect(try Self.subjects(store, OutgoingFilter(company: .company(acme))) == ["j1", "m1"])
            #expect(try Self.subjects(store, OutgoingFilter(company: .company(beta))) == ["m2"])
            #expect(try Self.subjects(store, OutgoingFilter(company: .unattributed)) == ["m3"])
            #expect(try Self.subjects(store, OutgoingFilter(userCode: "Mari", since: F.t0 + 1, company: .company(beta)))
                    == ["m2"])
            #expect(try Self.subjects(store, OutgoingFilter(userCode: "MARI"), limit: 2) == ["m3", "m2"])
        }
    }

    @Test("by a recipient's address (any case) or domain (exactly, with or without @)", arguments: StoreKinds.all)
    func recipient(_ kind: StoreKind) throws {
        try withFreshStore(kind) { store in
            _ = try store.recordedID(F.draft(subject: "one", at: F.t0), to: ["Ann@Example.org", "x@other.test"])
            _ = try store.recordedID(F.draft(subject: "two", at: F.t0 + 1), to: ["bob@example.org"])
            _ = try store.recordedID(F.draft(subject: "three", at: F.t0 + 2), to: ["c@sub.example.org"])
            _ = try store.recordedID(F.draft(subject: "four", at: F.t0 + 3), to: ["d@ex_mple.org", "e@example.org.uk"])

            #expect(try Self.subjects(store, OutgoingFilter(recipient: "ann@example.org")) == ["one"])
            #expect(try Self.subjects(store, OutgoingFilter(recipient: "ANN@EXAMPLE.ORG")) == ["one"])
            #expect(try Self.subjects(store, OutgoingFilter(recipient: "nn@example.org")) == [])
            #expect(try Self.subjects(store, OutgoingFilter(recipient: "example.org")) == ["two", "one"])
            #expect(try Self.subjects(store, OutgoingFilter(recipient: "@Example.ORG")) == ["two", "one"])
            #expect(try Self.subjects(store, OutgoingFilter(recipient: "sub.example.org")) == ["three"])
            #expect(try Self.subjects(store, OutgoingFilter(recipient: "ex_mple.org")) == ["four"])
            #expect(try Self.subjects(store, OutgoingFilter(recipient: "e_ample.org")) == [])
            #expect(try Self.subjects(store, OutgoingFilter(recipient: "%")) == [])
        }
    }

    @Test("by a piece of the subject in any case, also beyond ASCII; the limit counts what is selected",
          arguments: StoreKinds.all)
    func subject(_ kind: StoreKind) throws {
        try withFreshStore(kind) { store in
            _ = try store.recordedID(F.draft(subject: "Arve ÕUN 17", at: F.t0), to: ["a@example.org"])
            _ = try store.recordedID(F.draft(subject: "Straße Rechnung", at: F.t0 + 1), to: ["a@example.org"])
            _ = try store.recordedID(F.draft(subject: "100% rebate_offer", at: F.t0 + 2), to: ["a@example.org"])
            _ = try store.recordedID(F.draft(subject: "Arve õun 18", at: F.t0 + 3), to: ["a@example.org"])
            _ = try store.recordedID(F.draft(subject: "Reminder", at: F.t0 + 4), to: ["a@example.org"])

            #expect(try Self.subjects(store, OutgoingFilter(subject: "õun")) == ["Arve õun 18", "Arve ÕUN 17"])
            #expect(try Self.subjects(store, OutgoingFilter(subject: "ÕUN 17")) == ["Arve ÕUN 17"])
            #expect(try Self.subjects(store, OutgoingFilter(subject: "arve")) == ["Arve õun 18", "Arve ÕUN 17"])
            #expect(try Self.subjects(store, OutgoingFilter(subject: "rechnung")) == ["Straße Rechnung"])
            #expect(try Self.subjects(store, OutgoingFilter(subject: "0% R")) == ["100% rebate_offer"])
            #expect(try Self.subjects(store, OutgoingFilter(subject: "_")) == ["100% rebate_offer"])
            #expect(try Self.subjects(store, OutgoingFilter(subject: "%")) == ["100% rebate_offer"])
            #expect(try Self.subjects(store, OutgoingFilter(subject: "")).count == 5)
            #expect(try Self.subjects(store, OutgoingFilter(subject: "arve"), limit: 1) == ["Arve õun 18"])
            #expect(try Self.subjects(store, OutgoingFilter(subject: "ÕUN 17"), limit: 1) == ["Arve ÕUN 17"])
        }
    }

    /// `OutgoingFilter.subject` ignores case and accents, so a support desk that types `muller`
    /// finds "Müller GmbH" (and `õun` finds "oun" in "Discount offer").
    @Test("a subject is matched without regard to accents", arguments: StoreKinds.all)
    func diacritics(_ kind: StoreKind) throws {
        try withFreshStore(kind) { store in
            _ = try store.recordedID(F.draft(subject: "Arve ÕUN 17", at: F.t0), to: ["a@example.org"])
            _ = try store.recordedID(F.draft(subject: "Discount offer", at: F.t0 + 1), to: ["a@example.org"])
            _ = try store.recordedID(F.draft(subject: "Müller GmbH", at: F.t0 + 2), to: ["a@example.org"])
            _ = try store.recordedID(F.draft(subject: "Muller Ltd", at: F.t0 + 3), to: ["a@example.org"])
            #expect(try Self.subjects(store, OutgoingFilter(subject: "õun")) == ["Discount offer", "Arve ÕUN 17"])
            #expect(try Self.subjects(store, OutgoingFilter(subject: "MÜLLER")) == ["Muller Ltd", "Müller GmbH"])
            #expect(try Self.subjects(store, OutgoingFilter(subject: "muller")) == ["Muller Ltd", "Müller GmbH"])
            #expect(try Self.subjects(store, OutgoingFilter(subject: "gmbh")) == ["Müller GmbH"])
        }
    }
}
