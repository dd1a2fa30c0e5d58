import Foundation
import Testing

/// `events stats` end to end on a temporary database.
@Suite("events stats")
struct StatsCommandTests {
    @Test func countsByKindAndReasonAndFailingDomains() throws {
        let fixture = try StoredEventsFixture()
        defer { fixture.folder.remove() }
        let result = try fixture.run(["stats"])
        #expect(result.status == 0)
        let text = result.stdout
        #expect(text.hasPrefix("7 events from 7 messages (0 unrecognised)\n"))
        #expect(text.contains("By kind\n  bounce     5\n  delay      1\n  delivered  1\n"))
        #expect(text.contains("  bounce\n    userunknown  3\n"))
        #expect(text.contains("Top failing domains\n  example.org   2\n"))

        let json = try fixture.run(["stats", "--format", "json", "--since", "7d"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["events"] as? Int == 6)
        #expect((object["by_kind"] as? [String: Int])?["bounce"] == 4)
        #expect((object["by_reason"] as? [String: [String: Int]])?["bounce"]?["mailboxfull"] == 1)
        let domains = try #require(object["top_failing_domains"] as? [[String: Any]])
        #expect(domains.count == 4)
    }

    /// A bounce whose tag does not verify (here: no signing keys at all) is counted nowhere, as
    /// `events list --failed` leaves it out; one without a tag is counted. Dates are fixed.
    @Test func unverifiedBouncesAreNotCounted() throws {
        let folder = try TestFolder()
        defer { folder.remove() }
        let db = folder("events.sqlite"), maildir = try folder.maildir()
        let date = Date(timeIntervalSince1970: 1_767_225_600) // 2026-01-01
        try TestMessages.bounce(to: "plain@counted.test", date: date).write(to: URL(fileURLWithPath: maildir + "/new/plain.eml"))
        let forged = String(decoding: TestMessages.bounce(to: "victim@forged.test", date: date, status: "5.2.2",
                                                          diagnostic: "552 5.2.2 Mailbox full"), as: UTF8.self)
            .replacingOccurrences(of: "To: sender@events.test", with: "To: company+m7r0.k1.aaaaaaaaaaaaaaaa@event.test")
        try Data(forged.utf8).write(to: URL(fileURLWithPath: maildir + "/new/forged.eml"))
        let environment = ["EVENTS_KEY_DIR": folder("no-keys")]
        #expect(try EventsBinary.run(["ingest", "--db", db, "--maildir", maildir], environment: environment).status == 0)

        let failed = try EventsBinary.run(["list", "--db", db, "--failed", "--format", "json"])
        let listed = try #require(try JSONSerialization.jsonObject(with: Data(failed.stdout.utf8)) as? [[String: Any]])
        #expect(listed.compactMap { $0["recipient"] as? String } == ["plain@counted.test"])

        let json = try EventsBinary.run(["stats", "--db", db, "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["events"] as? Int == 1)
        #expect(object["unverified"] as? Int == 1)
        #expect((object["by_kind"] as? [String: Int]) == ["bounce": 1])
        #expect((object["by_reason"] as? [String: [String: Int]])?["bounce"] == ["userunknown": 1])
        let domains = try #require(object["top_failing_domains"] as? [[String: Any]])
        #expect(domains.compactMap { $0["domain"] as? String } == ["counted.test"])
        let text = try EventsBinary.run(["stats", "--db", db]).stdout
        #expect(text.hasPrefix("1 events from 2 messages (0 unrecognised)\n1 unverified events not counted"), "\(text)")
        #expect(!text.contains("mailboxfull") && !text.contains("forged.test"))
    }

    @Test func badSinceExitsWithTwo() throws {
        let result = try EventsBinary.run(["stats", "--since", "last week"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("'last week' is neither an age nor a date"))
    }
}
