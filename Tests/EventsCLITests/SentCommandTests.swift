import Foundation
import Testing

/// `events sent` and `events show --outgoing` end to end: messages sent through the test Postfix
/// to a recipient that takes them, one that bounces and one the server refuses, then listed and
/// told as stories; and the answers for a user or an id that sent nothing.
@Suite("events sent end to end", .serialized, .enabled(if: MailTestServers.isAvailable, MailTestServers.unavailable))
struct SentCommandTests {
    @Test func listsEachRecipientsStateAndEvents() throws {
        let fixture = try SenderFixture()
        try fixture.profile("alice")
        let invoice = try #require(SenderFixture.outgoingID(try fixture.send("alice", to: ["alice@local.test", "nobody@local.test"],
                                                                              subject: "Arve nr 42 — Ülo")))
        let refused = try #require(SenderFixture.outgoingID(try fixture.send("alice", to: ["someone@refused.test"],
                                                                              subject: "Reminder", expecting: 1)))
        _ = try fixture.waitForEventMail(containing: "nobody@local.test")
        try fixture.ingest()

        let json = try JSONSerialization.jsonObject(with: Data(try fixture.events(["sent", "--format", "json"]).stdout.utf8))
        let messages = try #require(json as? [[String: Any]])
        #expect(messages.map { $0["id"] as? Int } == [refused, invoice], "newest first")
        let recipients = try #require(messages.last?["recipients"] as? [[String: Any]])
        #expect(recipients.map { $0["address"] as? String } == ["alice@local.test", "nobody@local.test"])
        #expect(recipients.map { $0["outcome"] as? String } == ["accepted", "bounced"])
        let bounce = try #require((recipients.last?["events"] as? [[String: Any]])?.first)
        #expect(bounce["kind"] as? String == "bounce")
        #expect(bounce["reason"] as? String == "userunknown")
        let rejected = try #require((messages.first?["recipients"] as? [[String: Any]])?.first)
        #expect(rejected["outcome"] as? String == "rejected")
        #expect((rejected["events"] as? [[String: Any]])?.first?["kind"] as? String == "submission_error")

        let table = try fixture.events(["sent", "--to", "@LOCAL.test"]).stdout
        let lines = table.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("ID") == true)
        #expect(lines.count == 3, "a line per recipient of the one message to local.test:\n\(table)")
        #expect(lines.contains { $0.contains("alice@local.test") && $0.contains(" accepted ") && $0.hasSuffix("Arve nr 42 — Ülo") })
        #expect(lines.contains { $0.contains("nobody@local.test") && $0.contains(" bounced ") && $0.contains("bounce userunknown #") })
        #expect(!table.contains("…"))

        #expect(try fixture.events(["sent", "--subject", "arve NR 42 — üLO"]).stdout.contains("nobody@local.test"))
        #expect(try fixture.events(["sent", "--subject", "no such subject"]).stdout == "No sent messages match.\n")
        #expect(try fixture.events(["sent", "--to", "nobody@LOCAL.TEST", "--format", "csv"]).stdout.contains(",bounced,"))
        #expect(try fixture.events(["sent", "--to", "refused.test"]).stdout.contains("someone@refused.test"))
        let old = try fixture.events(["sent", "--since", "2000-01-01", "--user", "ALICE", "--limit", "1"])
        #expect(old.stdout.split(separator: "\n").count == 2, "the newest message only: \(old.stdout)")
        #expect(old.stderr.contains("--limit 0"))

        let story = try fixture.events(["show", "--outgoing", String(invoice)]).stdout
        let recorded = try #require(story.range(of: "recorded for 2 recipient(s)"))
        let submitted = try #require(story.range(of: "submitted to nobody@local.test: accepted"))
        let bounced = try #require(story.range(of: "bounce, userunknown (5.1.1) for nobody@local.test"))
        #expect(recorded.lowerBound < submitted.lowerBound && submitted.lowerBound < bounced.lowerBound, "in time order:\n\(story)")
        #expect(story.contains("server: 250 "))
        #expect(story.contains("Recipients:      alice@local.test (accepted), nobody@local.test (bounced)"))
        #expect(story.contains("cause: "))
        let refusedStory = try fixture.events(["show", "--outgoing", String(refused)]).stdout
        #expect(refusedStory.contains("submitted to someone@refused.test: not accepted"))
        #expect(refusedStory.contains("submission_error, recipientrejected"))
        let storyJSON = EventsBinary.json(try fixture.events(["show", "--outgoing", String(invoice), "--format", "json"]).stdout)
        #expect(storyJSON["id"] as? Int == invoice)
    }
}

/// What `events sent` and `show --outgoing` say when there is nothing to show: an error, not an
/// empty success.
@Suite("events sent: nothing sent")
struct SentNothingTests {
    @Test func unknownUserAndIdAreErrors() throws {
        let folder = try TestFolder()
        defer { folder.remove() }
        let db = folder("events.sqlite")
        // An empty database (read commands never create one): a setting makes it.
        #expect(try EventsBinary.run(["config", "company", "add", "company", "--db", db]).status == 0)
        let user = try EventsBinary.run(["sent", "--db", db, "--user", "NOPE"])
        #expect(user.status == 1)
        #expect(user.stderr.contains("no mail was sent by user NOPE"), "\(user.stderr)")
        #expect(user.stderr.contains("nothing has been sent from this database"))
        let show = try EventsBinary.run(["show", "--db", db, "--outgoing", "99"])
        #expect(show.status == 1)
        #expect(show.stderr.contains("there is no sent message 99"), "\(show.stderr)")
        let empty = try EventsBinary.run(["sent", "--db", db])
        #expect(empty.status == 0)
        #expect(empty.stdout == "No sent messages match.\n")
        let both = try EventsBinary.run(["show", "--db", db, "--outgoing", "1", "2"])
        #expect(both.status == 2)
        let neither = try EventsBinary.run(["show", "--db", db])
        #expect(neither.status == 2)
    }
}
