import EventStore
import Foundation
import Testing

/// Companies: adding (the first adopts what was there), looking up, removing with or without their
/// data, what each holds, and mail that arrived for a company before it was added.
@Suite("Conformance: companies")
struct ConformanceCompanyTests {
    typealias F = Fixture

    @Test("the first company adopts every row stored without one; the second adopts nothing",
          arguments: StoreKinds.all)
    func adoption(_ kind: StoreKind) throws {
        try withFreshStore(kind) { store in
            _ = try store.store([F.message("a", [F.event("bounce", "a@example.org"), F.event("delay", "b@example.org")]),
                                 F.message("b", [F.event("bounce", "c@example.org")])])
            let outgoing = try store.recordedID(F.draft(), to: ["a@example.org"])
            try store.saveProfile(F.profile("MARI", address: "mari@example.org"))
            try store.setSetting(.mailSendingUser, to: "MARI", company: nil, now: F.t0)
            try store.setSetting(.eventDomain, to: "event.test", company: nil, now: F.t0)

            let added = try store.addCompany(named: "acme", now: F.t0 + 60)
            guard case .added(let company, let adopted) = added else {
                Issue.record("not added: \(added)")
                return
            }
            let acme = try #require(company.id)
            #expect(company.name == "acme" && company.createdAt == F.t0 + 60)
            #expect(adopted == CompanyHoldings(messages: 2, events: 3, sent: 1, profiles: 1))
            #expect(try store.listedEvents(EventFilter(company: .company(acme))).count == 3)
            #expect(try store.listedEvents(EventFilter(company: .unattributed)).isEmpty)
            #expect(try store.messageCounts(since: nil, company: .company(acme)) == (messages: 2, pruned: 0))
            #expect(try store.sentMessage(id: outgoing)?.companyID == acme)
            #expect(try store.profile(user: "MARI", company: acme) != nil)
            #expect(try store.profile(user: "MARI", company: nil) == nil)
            #expect(try store.setting(.mailSendingUser, company: acme) == "MARI")
            #expect(try store.settings().map(\.name) == ["event-domain"], "the mail sending user became acme's own")
            #expect(try store.companyHoldings()[acme] == adopted)

            _ = try store.storedID(F.message("later", [F.event("bounce", "d@example.org")]))
            let second = try store.addCompany(named: "beta", now: F.t0 + 120)
            guard case .added(let beta, let none) = second else {
                Issue.record("not added: \(second)")
                return
            }
            #expect(none == CompanyHoldings())
            #expect(beta.id != acme && beta.name == "beta")
            #expect(try store.listedRecipients(EventFilter(company: .unattributed)) == ["d@example.org"])
        }
    }

    @Test("a new database's first company adopts nothing; a name there in any case exists", arguments: StoreKinds.all)
    func exists(_ kind: StoreKind) throws {
        try withFreshStore(kind) { store in
            let first = try store.addCompany(named: "Acme", now: F.t0)
            guard case .added(let acme, let adopted) = first else {
                Issue.record("not added: \(first)")
                return
            }
            #expect(adopted == CompanyHoldings())
            #expect(try store.addCompany(named: "ACME", now: F.t0 + 1) == .exists(acme))
            #expect(try store.addCompany(named: "acme", now: F.t0 + 1) == .exists(acme))
            #expect(try store.companyCount() == 1)
            #expect(try store.companies() == [acme])
        }
    }

    @Test("companies by name, counted, looked up by name in any case and by id", arguments: StoreKinds.all)
    func lookups(_ kind: StoreKind) throws {
        try withFreshStore(kind) { store in
            #expect(try store.companies() == [] && store.companyCount() == 0)
            let delta = try store.addedCompany("delta", at: F.t0)
            let acme = try store.addedCompany("acme", at: F.t0 + 1)
            let carol = try store.addedCompany("carol", at: F.t0 + 2.5)
            #expect(try store.companies() == [Company(id: acme, name: "acme", createdAt: F.t0 + 1),
                                              Company(id: carol, name: "carol", createdAt: F.t0 + 2.5),
                                              Company(id: delta, name: "delta", createdAt: F.t0)])
            #expect(try store.companyCount() == 3)
            #expect(try store.company(named: "CAROL") == Company(id: carol, name: "carol", createdAt: F.t0 + 2.5))
            #expect(try store.company(named: "Delta")?.id == delta)
            #expect(try store.company(named: "car") == nil)
            #expect(try store.company(id: acme)?.name == "acme")
            #expect(try store.company(id: acme + carol + delta) == nil)
        }
    }

    @Test("a company holding data is removed only with its data, all of it", arguments: StoreKinds.all)
    func remove(_ kind: StoreKind) throws {
        try withFreshStore(kind) { store in
            let acme = try store.addedCompany("acme"), beta = try store.addedCompany("beta")
            let sent = try store.recordedID(F.draft(company: acme), to: ["a@example.org"])
            try store.saveProfile(F.profile("MARI", address: "mari@acme.example", company: acme))
            try store.saveProfile(F.profile("MARI", address: "mari@beta.example", company: beta))
            try store.setSetting(.mailSendingUser, to: "MARI", company: acme, now: F.t0)
            try store.setSetting(.mailSendingUser, to: "MARI", company: beta, now: F.t0)
            _ = try store.store([
                F.message("a", company: acme, [F.event("bounce", "a@example.org"), F.event("delay", "a2@example.org")]),
                // A report that came to beta about mail acme sent.
                F.message("b", company: beta, [F.event("bounce", "b@example.org", outgoingID: sent, verified: true)]),
            ])
            let holdings = CompanyHoldings(messages: 1, events: 2, sent: 1, profiles: 1)
            #expect(try store.companyHoldings()[acme] == holdings)
            #expect(try store.removeCompany(id: acme, deletingData: false) == .holdsData(holdings))
            #expect(try store.company(id: acme) != nil && store.listedEvents().count == 3)

            #expect(try store.removeCompany(id: acme, deletingData: true) == .removed(holdings))
            #expect(try store.companies().map(\.name) == ["beta"])
            #expect(try store.company(named: "acme") == nil)
            #expect(try store.companyHoldings()[acme] == nil)
            #expect(try store.listedEvents(EventFilter(company: .company(acme))).isEmpty)
            #expect(try store.messageCounts(since: nil) == (messages: 1, pruned: 0))
            #expect(try !store.outgoingMessageExists(id: sent))
            #expect(try store.profile(user: "MARI", company: acme) == nil)
            #expect(try store.setting(.mailSendingUser, company: acme) == nil)

            // Beta keeps everything; its report loses the match to mail that no longer exists.
            #expect(try store.companyHoldings()[beta] == CompanyHoldings(messages: 1, events: 1, sent: 0, profiles: 1))
            let survivor = try store.listedEvents()
            #expect(survivor.map(\.recipient) == ["b@example.org"] && survivor.map(\.outgoingID) == [nil])
            #expect(try store.setting(.mailSendingUser, company: beta) == "MARI")
        }
    }

    @Test("an empty company is removed without asking; holdings of the empty read as nothing",
          arguments: StoreKinds.all)
    func removeEmpty(_ kind: StoreKind) throws {
        try withFreshStore(kind) { store in
            let acme = try store.addedCompany("acme"), gamma = try store.addedCompany("gamma")
            _ = try store.storedID(F.message("a", company: acme, [F.event()]))
            try store.setSetting(.mailSendingUser, to: "ADMIN", company: gamma, now: F.t0) // settings are not data
            let holdings = try store.companyHoldings()
            #expect(holdings[acme] == CompanyHoldings(messages: 1, events: 1))
            #expect(holdings[gamma, default: CompanyHoldings()] == CompanyHoldings())
            #expect(try store.removeCompany(id: gamma, deletingData: false) == .removed(CompanyHoldings()))
            #expect(try store.companies().map(\.id) == [acme])
            #expect(try store.setting(.mailSendingUser, company: gamma) == nil)
        }
    }

    @Test("unattributed mail to NAME@DOMAIN or NAME+TAG@DOMAIN, any ASCII case, % and _ literal",
          arguments: StoreKinds.all)
    func unattributed(_ kind: StoreKind) throws {
        try withFreshStore(kind) { store in
            let zeta = try store.addedCompany("zeta") // first, so the messages below stay unattributed
            let addresses = ["acme@event.test", "ACME+m1r0.k1.sig@Event.Test", "acme+x@event.test", "acmeco@event.test",
                             "xacme@event.test", "acme@event.test.example", "acme@other.test", "a_me@event.test",
                             "a%me@event.test"]
            _ = try store.store(addresses.enumerated().map { index, address in
                F.message("u\(index)", deliveredTo: address)
            })
            _ = try store.storedID(F.message("attributed", company: zeta, deliveredTo: "acme@event.test"))
            _ = try store.storedID(F.message("nowhere"))

            #expect(try store.unattributedMessages(addressedTo: "acme", domain: "event.test") == 3)
            #expect(try store.unattributedMessages(addressedTo: "Acme", domain: "EVENT.test") == 3)
            #expect(try store.unattributedMessages(addressedTo: "acmeco", domain: "event.test") == 1)
            #expect(try store.unattributedMessages(addressedTo: "a_me", domain: "event.test") == 1)
            #expect(try store.unattributedMessages(addressedTo: "a%me", domain: "event.test") == 1)
            #expect(try store.unattributedMessages(addressedTo: "a%", domain: "event.test") == 0)
            #expect(try store.unattributedMessages(addressedTo: "acme", domain: "event_test") == 0)
            #expect(try store.unattributedMessages(addressedTo: "acme", domain: "%") == 0)
            #expect(try store.unattributedMessages(addressedTo: "zeta", domain: "event.test") == 0)
        }
    }
}
