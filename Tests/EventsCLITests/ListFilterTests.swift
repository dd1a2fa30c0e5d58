import BounceKit
import Foundation
import Testing

/// `events list` filters that cannot mislead: a typo is an error, not an empty list that reads as
/// "nothing failed"; a support desk can search by domain and subject.
@Suite("events list filters")
struct ListFilterTests {
    func recipients(_ fixture: StoredEventsFixture, _ arguments: [String]) throws -> Set<String> {
        Set(try fixture.json(["list", "--limit", "0"] + arguments).compactMap { $0["recipient"] as? String })
    }

    @Test func anUnknownReasonIsAUsageErrorListingTheValidOnes() throws {
        let fixture = try StoredEventsFixture()
        defer { fixture.folder.remove() }
        let result = try fixture.run(["list", "--reason", "userunknwn"])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("Unknown --reason 'userunknwn'"))
        for name in ["userunknown", "onhold", "oauthtokenrejected", "reauthorizationrequired"] {
            #expect(result.stderr.contains(name))
        }
        #expect(result.stderr.contains("events reasons"))
    }

    @Test func anUnknownKindIsAUsageErrorListingTheValidOnes() throws {
        let fixture = try StoredEventsFixture()
        defer { fixture.folder.remove() }
        let result = try fixture.run(["list", "--kind", "bounces"])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("Unknown --kind 'bounces'"))
        for kind in Finding.Kind.allCases.map(\.rawValue) + ["submission_error"] { #expect(result.stderr.contains(kind)) }
    }

    @Test func reasonAndKindTakeAnyCase() throws {
        let fixture = try StoredEventsFixture()
        defer { fixture.folder.remove() }
        #expect(try fixture.json(["list", "--reason", "UserUnknown"]).count == 3)
        #expect(try fixture.json(["list", "--kind", "DELAY"]).count == 1)
    }

    @Test func anOutgoingMessageThatWasNeverSentIsAnError() throws {
        let fixture = try StoredEventsFixture()
        defer { fixture.folder.remove() }
        let result = try fixture.run(["list", "--outgoing", "99"])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("events: no outgoing message 99 in "), "\(result.stderr)")
    }

    @Test func aUserWhoSentNothingIsAnError() throws {
        let fixture = try StoredEventsFixture()
        defer { fixture.folder.remove() }
        let result = try fixture.run(["list", "--user", "NOPE", "--format", "json"])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("events: no mail was sent by user NOPE from "), "\(result.stderr)")
    }

    @Test func recipientTakesAnAddressADomainOrAtDomain() throws {
        let fixture = try StoredEventsFixture()
        defer { fixture.folder.remove() }
        let everyone: Set = ["Recent@example.org", "old@example.org"]
        #expect(try recipients(fixture, ["--recipient", "example.org"]) == everyone)
        #expect(try recipients(fixture, ["--recipient", "@Example.ORG"]) == everyone)
        #expect(try recipients(fixture, ["--recipient", "recent@EXAMPLE.org"]) == ["Recent@example.org"])
        #expect(try recipients(fixture, ["--recipient", "ample.org"]).isEmpty)
    }

    @Test func domainMatchesExactlyThatDomainInAnyCase() throws {
        let fixture = try StoredEventsFixture()
        defer { fixture.folder.remove() }
        #expect(try recipients(fixture, ["--domain", "EXAMPLE.org"]) == ["Recent@example.org", "old@example.org"])
        #expect(try recipients(fixture, ["--domain", "@example.org"]) == ["Recent@example.org", "old@example.org"])
        // Not a parent domain, not a suffix, and LIKE's wildcards are plain characters.
        #expect(try recipients(fixture, ["--domain", "org"]).isEmpty)
        #expect(try recipients(fixture, ["--domain", "xample.org"]).isEmpty)
        #expect(try recipients(fixture, ["--domain", "exampl_.org"]).isEmpty)
        #expect(try recipients(fixture, ["--domain", "%"]).isEmpty)
        let all = try fixture.json(["list", "--limit", "0"])
        let remote = try fixture.json(["list", "--limit", "0", "--domain", "remote.test"])
        #expect(remote.count == all.filter { ($0["recipient"] as? String)?.lowercased().hasSuffix("@remote.test") == true }.count)
        #expect(!remote.isEmpty)
    }

    @Test func subjectIsASubstringInAnyCase() throws {
        let fixture = try StoredEventsFixture()
        defer { fixture.folder.remove() }
        let all = try fixture.json(["list", "--limit", "0"])
        let expected = all.filter { ($0["original_subject"] as? String)?.lowercased().contains("voice 4") == true }
        let found = try fixture.json(["list", "--limit", "0", "--subject", "VOICE 4"])
        #expect(!found.isEmpty)
        #expect(found.compactMap { $0["id"] as? Int } == expected.compactMap { $0["id"] as? Int })
        #expect(try fixture.json(["list", "--subject", "%"]).isEmpty)
        #expect(try fixture.json(["list", "--subject", "invoice 43"]).isEmpty)
    }

    @Test(arguments: ["--recipient", "--domain", "--subject"])
    func anEmptyTextFilterIsAUsageError(_ option: String) throws {
        let fixture = try StoredEventsFixture()
        defer { fixture.folder.remove() }
        let result = try fixture.run(["list", option, ""])
        #expect(result.status == 2)
        #expect(result.stderr.contains("\(option) needs a value"))
    }
}
