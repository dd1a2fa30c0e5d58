import Foundation
import Testing

/// `events list` end to end on a temporary database.
@Suite("events list")
struct ListCommandTests {
    static let keys = [
        "id", "occurred_at", "kind", "recipient", "reason", "hard", "sender_side", "status", "reply_code", "action",
        "diagnostic", "remote_mta", "reporting_mta", "envelope_id", "feedback_type", "detector", "rule", "cause", "remedy",
        "original_message_id", "original_subject", "original_from", "original_date", "ledger_id", "outgoing_id",
        "match_method", "verified", "company",
    ]

    @Test func tableIsNewestFirstAndPipedInFull() throws {
        let fixture = try StoredEventsFixture()
        defer { fixture.folder.remove() }
        let result = try fixture.run(["list"])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        #expect(result.lines.first?.hasPrefix("ID  WHEN (UTC)        KIND") == true)
        #expect(result.lines.count == 8)
        #expect(!result.stdout.contains("…"))
        #expect(result.lines.last?.contains("old@example.org") == true)
    }

    @Test func jsonIsOneArrayWithStableKeys() throws {
        let fixture = try StoredEventsFixture()
        defer { fixture.folder.remove() }
        let result = try fixture.run(["list", "--format", "json"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("[\n{\"id\":"))
        let events = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(events.count == 7)
        for event in events { #expect(Set(event.keys) == Set(Self.keys)) }
        // Keys come in the documented order.
        let first = try #require(result.lines.dropFirst().first)
        let positions = Self.keys.compactMap { first.range(of: "\"\($0)\":")?.lowerBound }
        #expect(positions == positions.sorted() && positions.count == Self.keys.count)
        let full = try #require(events.first { ($0["recipient"] as? String) == "Recent@example.org" })
        #expect(full["kind"] as? String == "bounce")
        #expect(full["reason"] as? String == "mailboxfull")
        #expect(full["status"] as? String == "5.2.2")
        #expect(full["original_message_id"] as? String == "invoice-42@events.test")
        #expect(full["outgoing_id"] is NSNull)
        // A read command never creates a database: a write (any setting) makes the empty one.
        _ = try EventsBinary.run(["config", "unset", "event-domain", "--db", fixture.folder("empty.sqlite")])
        let empty = try EventsBinary.run(["list", "--db", fixture.folder("empty.sqlite"), "--format", "json"])
        #expect(empty.stdout == "[]\n")
    }

    @Test func csvHasAHeaderAndQuotedFields() throws {
        let fixture = try StoredEventsFixture()
        defer { fixture.folder.remove() }
        let result = try fixture.run(["list", "--format", "csv", "--recipient", "ghost@remote.test"])
        #expect(result.status == 0)
        let rows = result.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(rows.first == Self.keys.joined(separator: ","))
        #expect(rows.count == 2)
        #expect(rows[1].contains(",bounce,ghost@remote.test,userunknown,true,false,5.1.1,550,failed,"))
        #expect(rows[1].contains("\"Sun, 22 Nov 2026 13:04:58 +0000\""))
    }

    @Test func failedMeansBouncesOnly() throws {
        let fixture = try StoredEventsFixture()
        defer { fixture.folder.remove() }
        let events = try fixture.json(["list", "--failed"])
        #expect(events.count == 5)
        #expect(Set(events.compactMap { $0["kind"] as? String }) == ["bounce"])
    }

    @Test func filtersCombine() throws {
        let fixture = try StoredEventsFixture()
        defer { fixture.folder.remove() }
        let lastWeek = try fixture.json(["list", "--failed", "--since", "7d"]).compactMap { $0["recipient"] as? String }
        #expect(lastWeek.contains("Recent@example.org"))
        #expect(!lastWeek.contains("old@example.org"))
        #expect(try fixture.json(["list", "--until", "10d"]).compactMap { $0["recipient"] as? String } == ["old@example.org"])
        #expect(try fixture.json(["list", "--since", "2000-01-01", "--until", "2000-01-02T00:00"]).isEmpty)
        #expect(try fixture.json(["list", "--recipient", "recent@example.org"]).count == 1)
        #expect(try fixture.json(["list", "--reason", "userunknown"]).count == 3)
        #expect(try fixture.json(["list", "--kind", "delay"]).count == 1)
        #expect(try fixture.json(["list", "--kind", "delay", "--failed"]).isEmpty)
        #expect(try fixture.json(["list", "--limit", "2"]).count == 2)
        #expect(try fixture.json(["list", "--limit", "0"]).count == 7)
    }

    @Test func aCutTableSaysSo() throws {
        let fixture = try StoredEventsFixture()
        defer { fixture.folder.remove() }
        let result = try fixture.run(["list", "--limit", "3"])
        #expect(result.status == 0)
        #expect(result.lines.count == 4)
        #expect(result.stderr.contains("showing the newest 3"))
    }

    @Test(arguments: [
        ["--since", "yesterday"], ["--since", "7x"], ["--until", "2026-13-01"], ["--since", "2026-02-30"],
        ["--limit", "-1"], ["--format", "xml"],
    ])
    func badOptionsExitWithTwo(_ options: [String]) throws {
        let folder = try TestFolder()
        defer { folder.remove() }
        let result = try EventsBinary.run(["list", "--db", folder("e.sqlite")] + options)
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        if options[0] == "--since" || options[0] == "--until" {
            #expect(result.stderr.contains("is neither an age nor a date"))
        }
    }

    @Test func anUnwritableDatabasePathFailsWithExitOne() throws {
        let folder = try TestFolder()
        defer { folder.remove() }
        try Data("x".utf8).write(to: URL(fileURLWithPath: folder("file")))
        let result = try EventsBinary.run(["list", "--db", folder("file") + "/e.sqlite"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("events: no event database at \(folder("file"))/e.sqlite"))
    }
}
