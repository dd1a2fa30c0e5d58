import EventStore
import Foundation
import Testing

/// `forEachEvent`: the order, the limit and every condition of `EventFilter`, alone and together.
@Suite("Conformance: listing events")
struct ConformanceListingTests {
    typealias F = Fixture

    @Test("newest first, the higher id first at the same moment, at most the limit", arguments: StoreKinds.all)
    func order(_ kind: StoreKind) throws {
        try withFreshStore(kind) { store in
            _ = try store.store([
                F.message("a", [F.event("bounce", "a1@example.org", at: F.t0 + 10),
                                F.event("bounce", "a2@example.org", at: F.t0)]),
                F.message("b", [F.event("bounce", "b1@example.org", at: F.t0 + 10),
                                F.event("bounce", "b2@example.org", at: F.t0 + 5)]),
                F.message("c", [F.event("delay", "c1@example.org", at: F.t0 + 5.5)]),
            ])
            let all = ["b1@example.org", "a1@example.org", "c1@example.org", "b2@example.org", "a2@example.org"]
            #expect(try store.listedRecipients() == all)
            let ids = try store.listedIDs()
            try #require(ids.count == 5)
            #expect(ids[0] > ids[1], "b1 was stored after a1")
            #expect(try store.listedRecipients(limit: 2) == Array(all.prefix(2)))
            #expect(try store.listedRecipients(limit: 10) == all)
            #expect(try store.listedRecipients(limit: 0) == [])
            #expect(try store.listedRecipients(EventFilter(kind: "bounce"), limit: 3)
                    == ["b1@example.org", "a1@example.org", "b2@example.org"])
        }
    }

    @Test("failed: bounces and submission errors, not unverified ones", arguments: StoreKinds.all)
    func failedOnly(_ kind: StoreKind) throws {
        try withFreshStore(kind) { store in
            var draft = try store.recorded(F.draft(), to: ["s@example.org"])
            draft.state = .failed
            let outgoing = try #require(draft.id)
            _ = try store.store([F.message("m", [
                F.event("bounce", "plain@example.org", at: F.t0 + 1),
                F.event("bounce", "verified@example.org", at: F.t0 + 2, outgoingID: outgoing, verified: true),
                F.event("bounce", "forged@example.org", at: F.t0 + 3, verified: false),
                F.event("delay", "delay@example.org", at: F.t0 + 4),
                F.event("complaint", "complaint@example.org", reason: "feedback", at: F.t0 + 5),
                F.event("unrecognized", nil, reason: "unrecognized", at: F.t0 + 6),
            ])])
            var error = F.event("submission_error", "s@example.org", reason: "authfailure", at: F.t0 + 7,
                                outgoingID: outgoing, verified: true)
            error.matchMethod = "submission"
            try store.finishOutgoing(draft, recipients: [], events: [error])
            #expect(try store.listedRecipients(EventFilter(failedOnly: true))
                    == ["s@example.org", "verified@example.org", "plain@example.org"])
            #expect(try store.listedEvents().count == 7)
        }
    }

    @Test("since is inclusive, until exclusive, to the millisecond", arguments: StoreKinds.all)
    func period(_ kind: StoreKind) throws {
        try withFreshStore(kind) { store in
            _ = try store.store([F.message("m", [
                F.event("bounce", "t0@example.org", at: F.t0),
                F.event("bounce", "t60@example.org", at: F.t0 + 60),
                F.event("bounce", "t60.25@example.org", at: F.t0 + 60.25),
                F.event("bounce", "t120@example.org", at: F.t0 + 120),
            ])])
            #expect(try store.listedRecipients(EventFilter(since: F.t0 + 60))
                    == ["t120@example.org", "t60.25@example.org", "t60@example.org"])
            #expect(try store.listedRecipients(EventFilter(since: F.t0 + 60.25)) == ["t120@example.org", "t60.25@example.org"])
            #expect(try store.listedRecipients(EventFilter(since: F.t0 + 60.5)) == ["t120@example.org"])
            #expect(try store.listedRecipients(EventFilter(until: F.t0 + 60.25)) == ["t60@example.org", "t0@example.org"])
            #expect(try store.listedRecipients(EventFilter(since: F.t0, until: F.t0 + 120))
                    == ["t60.25@example.org", "t60@example.org", "t0@example.org"])
            #expect(try store.listedRecipients(EventFilter(since: F.t0 + 121)) == [])
        }
    }

    @Test("a recipient address matches in any ASCII case, only that address", arguments: StoreKinds.all)
    func recipientAddress(_ kind: StoreKind) throws {
        try withFreshStore(kind) { store in
            _ = try store.store([F.message("m", [
                F.event("bounce", "Ann.Lee@Example.org", at: F.t0 + 1),
                F.event("bounce", "ann.lee@example.org.uk", at: F.t0 + 2),
                F.event("bounce", "xann.lee@example.org", at: F.t0 + 3),
                F.event("delay", "ann.lee@EXAMPLE.ORG", at: F.t0 + 4),
            ])])
            #expect(try store.listedRecipients(EventFilter(recipient: "ann.lee@example.org"))
                    == ["ann.lee@EXAMPLE.ORG", "Ann.Lee@Example.org"])
            #expect(try store.listedRecipients(EventFilter(recipient: "ANN.LEE@example.ORG", kind: "bounce"))
                    == ["Ann.Lee@Example.org"])
            #expect(try store.listedRecipients(EventFilter(recipient: "ann.le@example.org")) == [])
        }
    }

    @Test("a recipient or domain without a local part means anyone at exactly that domain", arguments: StoreKinds.all)
    func recipientDomain(_ kind: StoreKind) throws {
        try withFreshStore(kind) { store in
            _ = try store.store([F.message("m", [
                F.event("bounce", "a@example.org", at: F.t0 + 1),
                F.event("bounce", "B@EXAMPLE.ORG", at: F.t0 + 2),
                F.event("bounce", "c@sub.example.org", at: F.t0 + 3),
                F.event("bounce", "d@example.org.uk", at: F.t0 + 4),
                F.event("bounce", "e@xexample.org", at: F.t0 + 5),
                F.event("bounce", "f@ex_mple.org", at: F.t0 + 6),
                F.event("bounce", "g@other.test", at: F.t0 + 7),
                F.event("bounce", nil, at: F.t0 + 8),
            ])])
            let there = ["B@EXAMPLE.ORG", "a@example.org"]
            for value in ["example.org", "@example.org", "Example.ORG", "@EXAMPLE.org"] {
                #expect(try store.listedRecipients(EventFilter(recipient: value)) == there, "recipient \(value)")
                #expect(try store.listedRecipients(EventFilter(domain: value)) == there, "domain \(value)")
            }
            #expect(try store.listedRecipients(EventFilter(domain: "sub.example.org")) == ["c@sub.example.org"])
            // LIKE's wildcards are plain characters in a domain.
            #expect(try store.listedRecipients(EventFilter(domain: "ex_mple.org")) == ["f@ex_mple.org"])
            #expect(try store.listedRecipients(EventFilter(recipient: "@e_ample.org")) == [])
            #expect(try store.listedRecipients(EventFilter(domain: "%.org")) == [])
            #expect(try store.listedRecipients(EventFilter(recipient: "%")) == [])
        }
    }

    @Test("subject: the original's or the matched outgoing message's, any ASCII case, % and _ literal",
          arguments: StoreKinds.all)
    func subject(_ kind: StoreKind) throws {
        try withFreshStore(kind) { store in
            let invoice = try store.recordedID(F.draft(subject: "Invoice 42 for March"), to: ["m@example.org"])
            _ = try store.store([F.message("m", [
                F.event("bounce", "matched@example.org", at: F.t0 + 1, outgoingID: invoice, verified: true),
                F.event("bounce", "percent@example.org", at: F.t0 + 2, subject: "Your ORDER 100% ready"),
                F.event("bounce", "digits@example.org", at: F.t0 + 3, subject: "Order 1000 ready"),
                F.event("bounce", "underscore@example.org", at: F.t0 + 4, subject: "price_list 2026"),
                F.event("bounce", "letter@example.org", at: F.t0 + 5, subject: "priceXlist 2026"),
                F.event("bounce", "none@example.org", at: F.t0 + 6),
            ])])
            func subject(_ text: String) throws -> [String] {
                try store.listedRecipients(EventFilter(subject: text))
            }
            #expect(try subject("invoice 42") == ["matched@example.org"])
            #expect(try subject("MARCH") == ["matched@example.org"])
            #expect(try subject("order 100") == ["digits@example.org", "percent@example.org"])
            #expect(try subject("order 100%") == ["percent@example.org"])
            #expect(try subject("0% r") == ["percent@example.org"])
            #expect(try subject("price_list") == ["underscore@example.org"])
            #expect(try subject("PRICE") == ["letter@example.org", "underscore@example.org"])
            #expect(try subject("%") == ["percent@example.org"])
            #expect(try subject("no such words") == [])
        }
    }

    @Test("reason and kind are matched exactly", arguments: StoreKinds.all)
    func reasonAndKind(_ kind: StoreKind) throws {
        try withFreshStore(kind) { store in
            _ = try store.store([F.message("m", [
                F.event("bounce", "a@example.org", reason: "userunknown", at: F.t0 + 1),
                F.event("bounce", "b@example.org", reason: "mailboxfull", at: F.t0 + 2),
                F.event("delay", "c@example.org", reason: "mailboxfull", at: F.t0 + 3),
                F.event("delivered", "d@example.org", reason: "delivered", at: F.t0 + 4),
            ])])
            #expect(try store.listedRecipients(EventFilter(reason: "mailboxfull")) == ["c@example.org", "b@example.org"])
            #expect(try store.listedRecipients(EventFilter(kind: "bounce")) == ["b@example.org", "a@example.org"])
            #expect(try store.listedRecipients(EventFilter(reason: "mailboxfull", kind: "bounce")) == ["b@example.org"])
            #expect(try store.listedRecipients(EventFilter(reason: "mailbox")) == [])
            #expect(try store.listedRecipients(EventFilter(kind: "bounc")) == [])
        }
    }

    @Test("user code (any case) and outgoing id select the events matched to that mail", arguments: StoreKinds.all)
    func userAndOutgoing(_ kind: StoreKind) throws {
        try withFreshStore(kind) { store in
            let mari = try store.recorded(F.draft(user: "MARI"), to: ["a@example.org"])
            let jaan = try store.recordedID(F.draft(user: "JAAN"), to: ["b@example.org"])
            let mariID = try #require(mari.id)
            _ = try store.store([F.message("m", [
                F.event("bounce", "a@example.org", at: F.t0 + 1, outgoingID: mariID, verified: true),
                F.event("bounce", "b@example.org", at: F.t0 + 2, outgoingID: jaan, verified: true),
                F.event("bounce", "c@example.org", at: F.t0 + 3),
            ])])
            var error = F.event("submission_error", "s@example.org", reason: "authfailure", at: F.t0 + 4,
                                outgoingID: mariID, verified: true)
            error.matchMethod = "submission"
            try store.finishOutgoing(mari, recipients: [], events: [error])
            #expect(try store.listedRecipients(EventFilter(userCode: "MARI")) == ["s@example.org", "a@example.org"])
            #expect(try store.listedRecipients(EventFilter(userCode: "mari")) == ["s@example.org", "a@example.org"])
            #expect(try store.listedRecipients(EventFilter(userCode: "MAR")) == [])
            #expect(try store.listedRecipients(EventFilter(outgoingID: jaan)) == ["b@example.org"])
            #expect(try store.listedRecipients(EventFilter(outgoingID: mariID)) == ["s@example.org", "a@example.org"])
            #expect(try store.listedRecipients(EventFilter(outgoingID: jaan + mariID + 100)) == [])
            #expect(try store.listedRecipients(EventFilter(failedOnly: true, userCode: "Jaan")) == ["b@example.org"])
        }
    }

    @Test("company: one company's events, the unattributed, or all", arguments: StoreKinds.all)
    func company(_ kind: StoreKind) throws {
        try withFreshStore(kind) { store in
            let acme = try store.addedCompany("acme"), beta = try store.addedCompany("beta")
            _ = try store.store([
                F.message("a", company: acme, [F.event("bounce", "a@example.org", at: F.t0 + 1),
                                               F.event("delay", "a2@example.org", at: F.t0 + 2)]),
                F.message("b", company: beta, [F.event("bounce", "b@example.org", at: F.t0 + 3)]),
                F.message("u", [F.event("bounce", "u@example.org", at: F.t0 + 4)]),
            ])
            #expect(try store.listedRecipients(EventFilter(company: .company(acme))) == ["a2@example.org", "a@example.org"])
            #expect(try store.listedRecipients(EventFilter(failedOnly: true, company: .company(acme))) == ["a@example.org"])
            #expect(try store.listedRecipients(EventFilter(company: .company(beta))) == ["b@example.org"])
            #expect(try store.listedRecipients(EventFilter(company: .unattributed)) == ["u@example.org"])
            #expect(try store.listedRecipients(EventFilter(company: .any))
                    == ["u@example.org", "b@example.org", "a2@example.org", "a@example.org"])
            #expect(try store.listedRecipients(EventFilter(company: .company(acme + beta + 100))) == [])
        }
    }

    @Test("each event with its company's name, nil when unattributed", arguments: StoreKinds.all)
    func withCompanyNames(_ kind: StoreKind) throws {
        try withFreshStore(kind) { store in
            let acme = try store.addedCompany("acme"), beta = try store.addedCompany("beta")
            _ = try store.store([
                F.message("a", company: acme, [F.event("bounce", "a@example.org", at: F.t0 + 1)]),
                F.message("b", company: beta, [F.event("bounce", "b@example.org", at: F.t0 + 2)]),
                F.message("u", [F.event("delay", "u@example.org", at: F.t0 + 3)]),
                F.message("c", company: acme, [F.event("bounce", "c@example.org", at: F.t0 + 4)]),
            ])
            var events: [Event] = [], seen: [String] = []
            try store.forEachEventWithCompany(matching: EventFilter(), limit: nil) { event, name in
                events.append(event)
                seen.append("\(event.recipient ?? "-") \(name ?? "nil")")
            }
            #expect(seen == ["c@example.org acme", "u@example.org nil", "b@example.org beta", "a@example.org acme"])
            #expect(events == (try store.listedEvents()), "the same events as forEachEvent")
            var limited: [String] = []
            try store.forEachEventWithCompany(matching: EventFilter(kind: "bounce"), limit: 2) { event, name in
                limited.append("\(event.recipient ?? "-") \(name ?? "nil")")
            }
            #expect(limited == ["c@example.org acme", "b@example.org beta"])
        }
    }
}
