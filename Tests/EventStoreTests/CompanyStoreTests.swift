import EventStore
import Foundation
import GRDB
import Testing

/// Companies in the store: user codes unique per company, removal that keeps or deletes data on
/// request, counts per company, and listings that never mix companies.
@Suite("Companies in the store")
struct CompanyStoreTests {
    static let now = Date(timeIntervalSince1970: 1_790_000_000)

    static func added(_ store: EventStore, _ name: String) throws -> Int64 {
        switch try store.addCompany(named: name, now: now) {
        case .added(let company, _), .exists(let company): return try #require(company.id)
        }
    }

    static func profile(_ user: String, _ address: String, company: Int64?) -> SMTPProfileRecord {
        SMTPProfileRecord(userCode: user, host: "smtp.test", port: 587, tls: "starttls", username: "", auth: "password",
                          secretSource: nil, senderMode: "own", address: address, displayName: nil, preset: nil,
                          companyID: company, updatedAt: now)
    }

    static func message(_ name: String, company: Int64?, kinds: [String]) -> StoredMessage {
        var entry = EventStoreTests.entry(name, at: now)
        entry.companyID = company
        return (entry, kinds.map { EventStoreTests.event($0, "\(name)@x.test", at: now) })
    }

    @Test func twoCompaniesMayHaveTheSameUserCode() throws {
        try EventStoreTests.withStore { store, _ in
            let acme = try Self.added(store, "acme"), beta = try Self.added(store, "beta")
            try store.saveProfile(Self.profile("MARI", "mari@acme.test", company: acme))
            try store.saveProfile(Self.profile("MARI", "mari@beta.test", company: beta))
            try store.saveProfile(Self.profile("mari", "mari2@acme.test", company: acme)) // replaces, any case
            #expect(try store.profile(user: "MARI", company: acme)?.address == "mari2@acme.test")
            #expect(try store.profile(user: "MARI", company: beta)?.address == "mari@beta.test")
            #expect(try store.profiles(company: acme).count == 1)
            #expect(try store.removeProfile(user: "MARI", company: acme))
            #expect(try store.profile(user: "MARI", company: beta) != nil)
            try store.setSetting(.mailSendingUser, to: "ADMIN", company: acme, now: Self.now)
            #expect(try store.setting(.mailSendingUser, company: acme) == "ADMIN")
            #expect(try store.setting(.mailSendingUser, company: beta) == nil)
        }
    }

    @Test func listingsAndCountsKeepCompaniesApart() throws {
        try EventStoreTests.withStore { store, _ in
            let acme = try Self.added(store, "acme"), beta = try Self.added(store, "beta")
            _ = try store.store([Self.message("a", company: acme, kinds: ["bounce", "delay"]),
                               Self.message("b", company: beta, kinds: ["bounce"]),
                               Self.message("u", company: nil, kinds: ["bounce"])])
            func recipients(_ filter: EventFilter) throws -> [String] {
                var seen: [String] = []
                try store.forEachEvent(matching: filter, limit: nil) { seen.append($0.recipient ?? "") }
                return seen.sorted()
            }
            #expect(try recipients(EventFilter(failedOnly: true, company: .company(acme))) == ["a@x.test"])
            #expect(try recipients(EventFilter(company: .company(beta))) == ["b@x.test"])
            #expect(try recipients(EventFilter(company: .unattributed)) == ["u@x.test"])
            #expect(try recipients(EventFilter(failedOnly: true)) == ["a@x.test", "b@x.test", "u@x.test"])
            #expect(try store.statistics(since: nil, company: .company(acme)).events == 2)
            #expect(try store.statistics(since: nil, company: .company(acme)).messages == 1)

            let counts = try store.countsByCompany(since: nil)
            #expect(counts.map(\.company) == ["acme", "beta", nil])
            #expect(counts.map(\.events) == [2, 1, 1] && counts.map(\.failed) == [1, 1, 1])
            #expect(counts.map(\.messages) == [1, 1, 1])
        }
    }

    @Test func aCompanyWithDataIsRemovedOnlyWithItsData() throws {
        try EventStoreTests.withStore { store, _ in
            let acme = try Self.added(store, "acme"), beta = try Self.added(store, "beta")
            try store.saveProfile(Self.profile("MARI", "mari@acme.test", company: acme))
            try store.setSetting(.mailSendingUser, to: "MARI", company: acme, now: Self.now)
            _ = try store.store([Self.message("a", company: acme, kinds: ["bounce", "delay"]),
                               Self.message("b", company: beta, kinds: ["bounce"])])
            let holdings = CompanyHoldings(messages: 1, events: 2, sent: 0, profiles: 1)
            #expect(try store.removeCompany(id: acme, deletingData: false) == .holdsData(holdings))
            #expect(try store.companyHoldings()[acme] == holdings)
            #expect(try store.removeCompany(id: acme, deletingData: true) == .removed(holdings))
            #expect(try store.companies().map(\.name) == ["beta"])
            #expect(try store.companyHoldings()[acme] == nil)
            #expect(try store.companyHoldings()[beta] == CompanyHoldings(messages: 1, events: 1))
            #expect(try store.reading("test") { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM company_settings") } == 0)
            // An empty company goes without asking.
            let gamma = try Self.added(store, "gamma")
            #expect(try store.removeCompany(id: gamma, deletingData: false) == .removed(CompanyHoldings()))
        }
    }

    @Test func mailThatArrivedBeforeItsCompanyIsCounted() throws {
        try EventStoreTests.withStore { store, _ in
            var early = Self.message("e", company: nil, kinds: ["bounce"])
            early.entry.deliveredTo = "Acme+m1r0.x.y@event.test"
            var other = Self.message("o", company: nil, kinds: ["bounce"])
            other.entry.deliveredTo = "acmeco@event.test"
            _ = try Self.added(store, "zeta") // before the messages: the first company adopts what is there
            _ = try store.store([early, other])
            #expect(try store.unattributedMessages(addressedTo: "acme", domain: "event.test") == 1)
        }
    }
}
