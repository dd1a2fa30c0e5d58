import Foundation
import Testing

/// Verified means verified for that recipient, end to end against the real Postfix: a message to
/// two recipients goes as two copies, each with its own tag; a bounce forged with one copy's tag
/// about the other recipient, or about an address the message never went to, is unverified and
/// counted neither by `events list --failed` nor by `events stats`; the genuine bounce still is.
@Suite("events send per-recipient tags end to end", .serialized,
       .enabled(if: MailTestServers.isAvailable, MailTestServers.unavailable))
struct RecipientTagEndToEndTests {
    /// A fixed date for the forged reports: nothing here depends on today's.
    static let forgedDate = Date(timeIntervalSince1970: 1_767_225_600) // 2026-01-01

    @Test func aCopysTagVerifiesOnlyItsOwnRecipient() throws {
        let fixture = try SenderFixture()
        try fixture.profile("alice")
        // alice@local.test is delivered; nobody@local.test bounces (user unknown). By address,
        // alice is recipient 0 and nobody recipient 1.
        let sent = try fixture.send("alice", to: ["nobody@local.test", "alice@local.test"])
        let id = try #require(SenderFixture.outgoingID(sent))
        #expect(sent.stdout.contains("<m\(id)r0.") && sent.stdout.contains("<m\(id)r1."), "\(sent.stdout)")

        // Alice's copy carries her tag only, in every place.
        let aliceCopy = try #require(fixture.servers.waitForMail(in: fixture.servers.aliceMaildir, containing: ["m\(id)r0."]))
        #expect(aliceCopy.contains("Return-Path: <company+m\(id)r0."))
        #expect(aliceCopy.contains("X-MailEvents-Tag: m\(id)r0."))
        #expect(aliceCopy.contains("Message-ID: <m\(id)r0."))
        #expect(!aliceCopy.contains("m\(id)r1.") && !aliceCopy.contains("m\(id).k1."), "no other recipient's or per-message tag")
        #expect(aliceCopy.contains("nobody@local.test"), "the visible To still names both")
        let aliceTag = try #require(Self.tag(after: "X-MailEvents-Tag: ", in: aliceCopy))

        // The genuine bounce for nobody carries nobody's tag (envelope and ENVID).
        let bounces = try fixture.waitForEventMail(containing: "nobody@local.test")
        let genuine = try #require(bounces.first.flatMap { FileManager.default.contents(atPath: $0) })
        let genuineText = String(decoding: genuine, as: UTF8.self)
        #expect(genuineText.contains("Original-Envelope-Id: m\(id)r1."))
        #expect(!genuineText.contains("m\(id)r0."))
        let nobodyTag = try #require(Self.tag(after: "company+", in: genuineText))
        #expect(nobodyTag.hasPrefix("m\(id)r1."))
        try fixture.ingest()

        // Forgeries: each recipient's real tag on a report about someone else.
        let forged = [
            (nobodyTag, "alice@local.test"),     // nobody's copy's tag, about co-recipient alice
            (nobodyTag, "never@local.test"),     // about an address the message never went to
            (aliceTag, "nobody@local.test"),     // alice's own copy's tag, about co-recipient nobody
        ]
        let maildir = try fixture.folder.maildir("forged")
        for (index, (tag, recipient)) in forged.enumerated() {
            let text = String(decoding: TestMessages.bounce(to: recipient, date: Self.forgedDate), as: UTF8.self)
                .replacingOccurrences(of: "To: sender@events.test", with: "To: company+\(tag)@event.test")
            try Data(text.utf8).write(to: URL(fileURLWithPath: maildir + "/new/forged\(index)"))
        }
        try fixture.events(["ingest", "--maildir", maildir])

        let failed = try fixture.list(["--failed"])
        #expect(failed.count == 1, "\(failed)")
        let event = try #require(failed.first)
        #expect(event["recipient"] as? String == "nobody@local.test")
        #expect(event["outgoing_id"] as? Int == id)
        #expect(event["verified"] as? Bool == true)

        let bouncesStored = try fixture.list(["--kind", "bounce"])
        #expect(bouncesStored.count == 4)
        let unverified = bouncesStored.filter { $0["verified"] as? Bool == false }
        #expect(unverified.count == 3)
        #expect(Set(unverified.compactMap { $0["recipient"] as? String })
                == ["alice@local.test", "never@local.test", "nobody@local.test"])
        #expect(unverified.allSatisfy { $0["outgoing_id"] is NSNull })
        #expect(try fixture.list(["--outgoing", String(id)]).count == 1)

        let stats = try fixture.events(["stats", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any])
        #expect(object["events"] as? Int == 1, "\(stats.stdout)")
        #expect(object["unverified"] as? Int == 3)
        #expect((object["by_kind"] as? [String: Int]) == ["bounce": 1])
        #expect((object["by_reason"] as? [String: [String: Int]])?["bounce"] == ["userunknown": 1])
        let domains = try #require(object["top_failing_domains"] as? [[String: Any]])
        #expect(domains.count == 1)
        #expect(domains.first?["domain"] as? String == "local.test")
        #expect(domains.first?["failed"] as? Int == 1)
        let text = try fixture.events(["stats"]).stdout
        #expect(text.contains("3 unverified events not counted"), "\(text)")
    }

    /// The tag that follows `marker` in `text` (up to the first character not in a tag).
    static func tag(after marker: String, in text: String) -> String? {
        guard let range = text.range(of: marker) else { return nil }
        let tag = text[range.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "." }
        let trimmed = tag.hasSuffix(".") ? tag.dropLast() : tag
        return trimmed.isEmpty ? nil : String(trimmed)
    }
}
