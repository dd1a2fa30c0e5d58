import EventStore
import Foundation
import Testing

/// The sender's settings and SMTP profiles: global and per-company settings, one profile per
/// company and user code (any case).
@Suite("Conformance: settings and SMTP profiles")
struct ConformanceSendingTests {
    typealias F = Fixture

    @Test("global settings: set, read, listed by name, overwritten, removed", arguments: StoreKinds.all)
    func globalSettings(_ kind: StoreKind) throws {
        try withFreshStore(kind) { store in
            #expect(try store.setting(.eventDomain) == nil)
            #expect(try store.settings() == [])
            try store.setSetting(.microsoftTenant, to: "contoso.example", company: nil, now: F.t0)
            try store.setSetting(.eventDomain, to: "event.test", company: nil, now: F.t0 + 1)
            try store.setSetting(.googleClientID, to: "g-123", company: nil, now: F.t0 + 2)
            try store.setSetting(.mailSendingUser, to: "ADMIN", company: nil, now: F.t0 + 3)
            #expect(try store.settings() == [Setting(name: "event-domain", value: "event.test", updatedAt: F.t0 + 1),
                                             Setting(name: "google-client-id", value: "g-123", updatedAt: F.t0 + 2),
                                             Setting(name: "mail-sending-user", value: "ADMIN", updatedAt: F.t0 + 3),
                                             Setting(name: "microsoft-tenant", value: "contoso.example", updatedAt: F.t0)])
            #expect(try store.setting(.eventDomain) == "event.test")
            #expect(try store.setting(.mailSendingUser, company: nil) == "ADMIN")

            try store.setSetting(.eventDomain, to: "events.example.org", company: nil, now: F.t0 + 60)
            #expect(try store.setting(.eventDomain) == "events.example.org")
            #expect(try store.settings().first
                    == Setting(name: "event-domain", value: "events.example.org", updatedAt: F.t0 + 60))
            try store.setSetting(.googleClientID, to: nil, company: nil, now: F.t0 + 61)
            try store.setSetting(.microsoftClientSecret, to: nil, company: nil, now: F.t0 + 61) // was not set
            #expect(try store.setting(.googleClientID) == nil)
            #expect(try store.settings().map(\.name) == ["event-domain", "mail-sending-user", "microsoft-tenant"])
        }
    }

    @Test("a per-company setting is each company's own; a global one is the same for all", arguments: StoreKinds.all)
    func perCompanySettings(_ kind: StoreKind) throws {
        try withFreshStore(kind) { store in
            let acme = try store.addedCompany("acme"), beta = try store.addedCompany("beta")
            try store.setSetting(.mailSendingUser, to: "ADMIN", company: acme, now: F.t0)
            try store.setSetting(.mailSendingUser, to: "BOSS", company: beta, now: F.t0)
            #expect(try store.setting(.mailSendingUser, company: acme) == "ADMIN")
            #expect(try store.setting(.mailSendingUser, company: beta) == "BOSS")
            #expect(try store.setting(.mailSendingUser, company: nil) == nil)
            #expect(try store.settings() == [], "a company's own settings are not rows of settings()")

            try store.setSetting(.mailSendingUser, to: "MARI", company: acme, now: F.t0 + 1)
            #expect(try store.setting(.mailSendingUser, company: acme) == "MARI")
            try store.setSetting(.mailSendingUser, to: nil, company: beta, now: F.t0 + 2)
            #expect(try store.setting(.mailSendingUser, company: beta) == nil)
            #expect(try store.setting(.mailSendingUser, company: acme) == "MARI")

            try store.setSetting(.eventDomain, to: "event.test", company: acme, now: F.t0 + 3)
            #expect(try store.setting(.eventDomain, company: beta) == "event.test")
            #expect(try store.setting(.eventDomain, company: nil) == "event.test")
            #expect(try store.settings() == [Setting(name: "event-domain", value: "event.test", updatedAt: F.t0 + 3)])
        }
    }

    @Test("a profile reads back whole, by user code in any case, within its company", arguments: StoreKinds.all)
    func profiles(_ kind: StoreKind) throws {
        try withFreshStore(kind) { store in
            var full = F.profile("MARI", address: "mari@example.org")
            full.auth = "oauth2"
            full.oauthProvider = "microsoft"
            full.oauthTenant = "contoso.example"
            full.oauthClientID = "client-1"
            full.oauthClientSecret = "file:/etc/events/secret"
            full.preset = "office365"
            full.updatedAt = F.t0 + 0.5
            let bare = F.profile("JAAN", address: "jaan@example.org", host: nil)
            try store.saveProfile(full)
            try store.saveProfile(bare)
            #expect(try store.profile(user: "MARI") == full)
            #expect(try store.profile(user: "mari", company: nil) == full)
            #expect(try store.profile(user: "Jaan") == bare)
            #expect(try store.profile(user: "MAR") == nil)
            #expect(try store.profiles() == [bare, full], "by user code")

            let acme = try store.addedCompany("acme") // adopts both
            let beta = try store.addedCompany("beta")
            let betaMari = F.profile("MARI", address: "mari@beta.example", company: beta)
            try store.saveProfile(betaMari)
            #expect(try store.profiles(company: nil) == [])
            #expect(try store.profile(user: "MARI", company: acme)?.address == "mari@example.org")
            #expect(try store.profile(user: "mari", company: beta) == betaMari)
            #expect(try store.profiles(company: acme).map(\.userCode) == ["JAAN", "MARI"])
            #expect(try store.profiles(company: beta) == [betaMari])
        }
    }

    @Test("saving replaces the profile of that company and user code, any case; removing says if there was one",
          arguments: StoreKinds.all)
    func replaceAndRemove(_ kind: StoreKind) throws {
        try withFreshStore(kind) { store in
            let acme = try store.addedCompany("acme"), beta = try store.addedCompany("beta")
            try store.saveProfile(F.profile("MARI", address: "old@acme.example", company: acme))
            try store.saveProfile(F.profile("MARI", address: "mari@beta.example", company: beta))
            var replacement = F.profile("mari", address: "new@acme.example", company: acme)
            replacement.updatedAt = F.t0 + 60
            try store.saveProfile(replacement)
            #expect(try store.profiles(company: acme) == [replacement])
            #expect(try store.profile(user: "MARI", company: acme) == replacement)
            #expect(try store.profile(user: "MARI", company: beta)?.address == "mari@beta.example")

            #expect(try store.removeProfile(user: "Mari", company: acme))
            #expect(try !store.removeProfile(user: "MARI", company: acme))
            #expect(try store.profiles(company: acme) == [])
            #expect(try store.profile(user: "MARI", company: beta) != nil)
            #expect(try !store.removeProfile(user: "MARI", company: nil))
            #expect(try store.removeProfile(user: "mari", company: beta))
            #expect(try store.companyHoldings()[beta, default: CompanyHoldings()].profiles == 0)
        }
    }
}
