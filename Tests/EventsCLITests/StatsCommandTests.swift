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

    @Test func badSinceExitsWithTwo() throws {
        let result = try EventsBinary.run(["stats", "--since", "last week"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("'last week' is neither an age nor a date"))
    }
}
