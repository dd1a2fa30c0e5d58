import Foundation
import Testing

/// `events show` end to end on a temporary database.
@Suite("events show")
struct ShowCommandTests {
    @Test func showsEvidenceOriginalAndSource() throws {
        let fixture = try StoredEventsFixture()
        defer { fixture.folder.remove() }
        let event = try #require(try fixture.json(["list", "--recipient", "ghost@remote.test"]).first)
        let id = try #require(event["id"] as? Int)
        let result = try fixture.run(["show", String(id)])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        let text = result.stdout
        #expect(text.hasPrefix("Event \(id): bounce, userunknown (hard)\n"))
        #expect(!text.contains("Company:"), "a database without companies says nothing of them")
        for line in [
            "  Recipient:       ghost@remote.test", "  Cause:", "  Remedy:", "Evidence", "  Status:          5.1.1",
            "  Reply code:      550", "  Diagnostic:      550 5.1.1 <ghost@remote.test>: Recipient address rejected",
            "  Remote MTA:      127.0.0.1", "  Reporting MTA:   mx.events.test", "Original message",
            "  Message-ID:      remote-rejection.make-samples@events.test", "  Subject:         Sample: rejected by remote server",
            "  From:            Event Sender <sender@events.test>", "  Date:            Sun, 22 Nov 2026 13:04:58 +0000",
            "  Matched:         not matched to an outgoing message", "Source", "/new/remote-rejection.eml",
            "  SHA-256:         ", "bytes, kept",
        ] {
            #expect(text.contains(line), "missing \(line)")
        }
        let json = try fixture.run(["show", String(id), "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["id"] as? Int == id)
        let source = try #require(object["source"] as? [String: Any])
        #expect(source["kind"] as? String == "maildir")
        #expect((source["sha256"] as? String)?.count == 64)
        #expect(source["raw_kept"] as? Bool == true)
    }

    /// The stored rule, and with --explain every step, re-derived from the stored message.
    @Test func explainsHowTheReasonWasDecided() throws {
        let fixture = try StoredEventsFixture()
        defer { fixture.folder.remove() }
        let event = try #require(try fixture.json(["list", "--recipient", "someone@expired.test"]).first)
        let id = try #require(event["id"] as? Int)
        #expect((event["rule"] as? String)?.hasPrefix("failed after retries") == true)
        let plain = try fixture.run(["show", String(id)])
        #expect(plain.stdout.contains("  Decided by:      failed after retries"))
        #expect(!plain.stdout.contains("How the reason was decided"))
        let explained = try fixture.run(["show", "--explain", String(id)])
        #expect(explained.status == 0)
        let text = explained.stdout
        let section = try #require(text.range(of: "How the reason was decided (re-classified now by events "))
        let steps = text[section.upperBound...]
        for step in ["  evidence: action failed, status 4.4.1", "  outcome: not a success", "  specific phrases: none",
                     "  → expired: failed after retries"] {
            #expect(steps.contains(step), "missing \(step)")
        }
        #expect(!steps.contains("Note:"))
        let json = try fixture.run(["show", "--explain", "--format", "json", String(id)])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let trace = try #require((object["explain"] as? [String: Any])?["trace"] as? [String])
        #expect(trace.last?.hasPrefix("→ expired") == true)
    }

    @Test func aMissingEventExitsWithOne() throws {
        let fixture = try StoredEventsFixture()
        defer { fixture.folder.remove() }
        let result = try fixture.run(["show", "9999"])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("there is no event 9999 in '\(fixture.db)'"))
    }

    @Test(arguments: [["show"], ["show", "abc"], ["show", "0"], ["show", "1", "--format", "yaml"]])
    func badArgumentsExitWithTwo(_ arguments: [String]) throws {
        let folder = try TestFolder()
        defer { folder.remove() }
        let result = try EventsBinary.run(arguments + ["--db", folder("e.sqlite")])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
    }
}
