import Foundation
import Testing

/// `events send` and `events ingest` end to end against a real Postfix (submission with STARTTLS,
/// AUTH through Dovecot) on 127.0.0.1: Postfix's own DSNs come back to the event mailbox, are
/// ingested and match the message and recipient they belong to; submission failures are events.
@Suite("events send end to end", .serialized, .enabled(if: MailTestServers.isAvailable, MailTestServers.unavailable))
struct SendEndToEndTests {
    /// (a) Reply-to mail to an unknown recipient: Postfix's DSN lands in the event mailbox and
    /// becomes a verified bounce matched to the message and the recipient.
    @Test func bounceOfReplyToMailMatchesBack() throws {
        let fixture = try SenderFixture()
        try fixture.profile("alice")
        let sent = try fixture.send("alice", to: ["nobody@local.test", "alice@local.test"])
        #expect(sent.stdout.hasPrefix("sent "), "\(sent.stdout)")
        let id = try #require(SenderFixture.outgoingID(sent))

        let bounces = try fixture.waitForEventMail(containing: "nobody@local.test")
        let bounce = try #require(bounces.first.flatMap { FileManager.default.contents(atPath: $0) })
        let text = String(decoding: bounce, as: UTF8.self)
        // nobody@local.test sorts after alice@local.test: its copy is recipient 1.
        #expect(text.contains("company+m\(id)r1."), "the DSN goes to the copy's tagged envelope sender")
        #expect(text.contains("Original-Envelope-Id: m\(id)r1."), "ENVID was sent, as the server offers DSN")
        try fixture.ingest()

        let failed = try fixture.list(["--failed"])
        #expect(failed.count == 1)
        let event = try #require(failed.first)
        #expect(event["kind"] as? String == "bounce")
        #expect(event["recipient"] as? String == "nobody@local.test")
        #expect(event["reason"] as? String == "userunknown")
        #expect(event["outgoing_id"] as? Int == id)
        #expect(event["match_method"] as? String == "tag")
        #expect(event["verified"] as? Bool == true)
        #expect(try fixture.list(["--user", "alice"]).count == 1)
        // bob sent nothing: a wrong code is said to be one, not shown as "nothing failed".
        #expect(try fixture.events(["list", "--user", "bob"], expecting: 1).stderr.contains("events: no mail was sent by user bob from "))
        #expect(try fixture.list(["--outgoing", String(id)]).count == 1)

        let show = try fixture.events(["show", String(event["id"] as? Int ?? 0)])
        #expect(show.stdout.contains("outgoing message \(id) by tag, verified"))
        #expect(show.stdout.contains("Matched message"))
        #expect(show.stdout.contains("Invoice 42"))
        #expect(show.stdout.contains("Reply-To alice@local.test"))
        #expect(show.stdout.contains("nobody@local.test (accepted)"))
        #expect(show.stdout.contains("Envelope from:   company+m\(id)r0."), "the first copy's")
        let json = EventsBinary.json(try fixture.events(["show", String(event["id"] as? Int ?? 0), "--format", "json"]).stdout)
        #expect((json["outgoing"] as? [String: Any])?["id"] as? Int == id)
        #expect((json["outgoing"] as? [String: Any])?["user_code"] as? String == "alice")
    }

    /// (b) A delivery that cannot be made: first a delay notice, then the expiry bounce, both
    /// matched to the message.
    @Test func delayThenExpiry() throws {
        let fixture = try SenderFixture()
        try fixture.profile("alice")
        let sent = try fixture.send("alice", to: ["someone@dead.test"])
        let id = try #require(SenderFixture.outgoingID(sent))

        _ = try fixture.waitForEventMail(containing: "Action: delayed", seconds: 90)
        try fixture.ingest()
        let delays = try fixture.list(["--kind", "delay"])
        #expect(delays.count == 1)
        #expect(delays.first?["outgoing_id"] as? Int == id)
        #expect(delays.first?["verified"] as? Bool == true)
        #expect(try fixture.list(["--failed"]).isEmpty, "a delay is not a failure yet")

        _ = try fixture.waitForEventMail(containing: "Action: failed", seconds: 120)
        try fixture.ingest()
        let failed = try fixture.list(["--failed"])
        #expect(failed.count == 1)
        #expect(failed.first?["kind"] as? String == "bounce")
        #expect(failed.first?["recipient"] as? String == "someone@dead.test")
        #expect(failed.first?["outgoing_id"] as? Int == id)
    }

    /// (c) A wrong password: a submission_error with Postfix's 535 text, listed with the failures.
    @Test func wrongPasswordIsASubmissionError() throws {
        let fixture = try SenderFixture()
        try fixture.profile("alice", secret: try fixture.secret("wrong", "not-the-password"))
        let result = try fixture.send("alice", to: ["alice@local.test"], expecting: 1)
        #expect(result.stdout.hasPrefix("failed "))
        #expect(result.stderr.contains("events list --failed --user alice"))
        #expect(!result.stdout.contains("not-the-password") && !result.stderr.contains("not-the-password"))

        let event = try #require(try fixture.list(["--failed"]).first)
        #expect(event["kind"] as? String == "submission_error")
        #expect(event["reason"] as? String == "badcredentials")
        #expect(event["reply_code"] as? Int == 535)
        #expect((event["diagnostic"] as? String ?? "").contains("authentication failed"))
        #expect((event["remedy"] as? String ?? "").isEmpty == false)
        #expect(event["recipient"] as? String == "alice@local.test")
        #expect(event["verified"] as? Bool == true)
    }

    /// (d) A rejected XOAUTH2 token: the 334 challenge is answered and its JSON decoded into the
    /// event; a good token sends.
    @Test func rejectedTokenIsDecoded() throws {
        let fixture = try SenderFixture()
        try fixture.profile("oauth", username: fixture.servers.oauthUser,
                            secret: try fixture.secret("token", fixture.servers.oauthToken), auth: "oauth2")
        try fixture.send("oauth", to: ["alice@local.test"])
        try fixture.profile("expired", username: fixture.servers.oauthUser,
                            secret: try fixture.secret("old-token", "expired-token"), auth: "oauth2")
        try fixture.send("expired", to: ["alice@local.test"], expecting: 1)

        let event = try #require(try fixture.list(["--failed"]).first)
        #expect(event["kind"] as? String == "submission_error")
        #expect(event["reason"] as? String == "oauthtokenrejected")
        let cause = event["cause"] as? String ?? ""
        #expect(cause.contains("401"), "\(cause)")
        #expect(!cause.hasPrefix("334") && cause != "334")
        #expect((event["remedy"] as? String ?? "").lowercased().contains("refresh"))
    }

    /// (e) Forged bounces: a tag whose HMAC does not verify, or from an unknown key, makes an
    /// unverified event that is never counted as a failure.
    @Test func forgedBouncesAreUnverified() throws {
        let fixture = try SenderFixture()
        try fixture.profile("alice")
        let sent = try fixture.send("alice", to: ["alice@local.test"])
        let id = try #require(SenderFixture.outgoingID(sent))
        let maildir = try fixture.folder.maildir("forged")
        let forged = [
            "company+m\(id).k1.aaaaaaaaaaaaaaaa@event.test",   // right id, made-up MAC
            "company+m\(id).k9.aaaaaaaaaaaaaaaa@event.test",   // a key nobody has
        ]
        for (index, envelope) in forged.enumerated() {
            let bounce = String(decoding: TestMessages.bounce(to: "victim\(index)@example.com", date: Date()), as: UTF8.self)
                .replacingOccurrences(of: "To: sender@events.test", with: "To: \(envelope)")
            try Data(bounce.utf8).write(to: URL(fileURLWithPath: maildir + "/new/forged\(index)"))
        }
        try fixture.events(["ingest", "--maildir", maildir])
        #expect(try fixture.list(["--failed"]).isEmpty)
        let all = try fixture.list(["--kind", "bounce"])
        #expect(all.count == 2)
        for event in all {
            #expect(event["verified"] as? Bool == false)
            #expect(event["outgoing_id"] is NSNull)
        }
        let show = try fixture.events(["show", String(all.first?["id"] as? Int ?? 0)])
        #expect(show.stdout.contains("UNVERIFIED"))
        #expect(try fixture.events(["list"]).stdout.contains("bounce?"))
    }

    /// (f) TLS off against a server that requires STARTTLS: a clear submission_error.
    @Test func tlsOffAgainstRequiredSTARTTLS() throws {
        let fixture = try SenderFixture()
        try fixture.profile("alice", tls: "none")
        try fixture.send("alice", to: ["alice@local.test"], expecting: 1)
        let event = try #require(try fixture.list(["--failed"]).first)
        #expect(event["kind"] as? String == "submission_error")
        #expect(event["reason"] as? String == "starttlsrequired")
        #expect((event["remedy"] as? String ?? "").contains("STARTTLS"))
    }

    /// (g) The global profile: the mail sending user's server and login for everyone; a user who
    /// overrides only the user name and password sends with their own login.
    @Test func globalProfileWithAPasswordOverride() throws {
        let fixture = try SenderFixture()
        try fixture.profile("base", secret: try fixture.secret("base-wrong", "stale-password"), address: "base@local.test")
        try fixture.events(["config", "set", "mail-sending-user", "base"])
        try fixture.events(["config", "smtp", "set", "bob", "--address", "bob@local.test", "--username", fixture.servers.user,
                            "--secret", try fixture.secret("bob", fixture.servers.password)])
        try fixture.events(["config", "smtp", "set", "carol", "--address", "carol@local.test"])

        let bob = try fixture.send("bob", to: ["alice@local.test"])
        let bobID = try #require(SenderFixture.outgoingID(bob))
        let shown = try fixture.events(["config", "smtp", "show", "bob"])
        #expect(shown.stdout.contains("server from base, login from bob"))

        try fixture.send("carol", to: ["alice@local.test"], expecting: 1)
        let failed = try fixture.list(["--failed"])
        #expect(failed.count == 1)
        #expect(failed.first?["reason"] as? String == "badcredentials")
        #expect(try fixture.list(["--failed", "--user", "carol"]).count == 1)
        #expect(try fixture.list(["--outgoing", String(bobID)]).isEmpty)
    }

    /// A recipient refused at RCPT is a submission_error of its own; the others are sent.
    @Test func aRefusedRecipientIsASubmissionErrorOfItsOwn() throws {
        let fixture = try SenderFixture()
        try fixture.profile("alice")
        let result = try fixture.send("alice", to: ["alice@local.test", "boss@refused.test"], expecting: 1)
        #expect(result.stdout.hasPrefix("partial "), "\(result.stdout)")
        #expect(result.stdout.contains("boss@refused.test: recipientrejected"))
        let failed = try fixture.list(["--failed"])
        #expect(failed.count == 1)
        #expect(failed.first?["recipient"] as? String == "boss@refused.test")
        #expect(failed.first?["reply_code"] as? Int == 550)
        #expect(failed.first?["sender_side"] as? Bool == false)
        #expect(fixture.servers.waitForMail(in: fixture.servers.aliceMaildir, containing: ["Invoice 42"]) != nil)
    }

    /// Nobody listening, and one batch over one connection whose login fails: each message gets its
    /// event, and the login is tried once (a refused password is never retried: it locks accounts).
    @Test func connectionRefusedAndOneLoginPerBatch() throws {
        let fixture = try SenderFixture()
        try fixture.profile("alice", port: String(fixture.servers.deadPort))
        try fixture.send("alice", to: ["alice@local.test"], expecting: 1)
        let refused = try #require(try fixture.list(["--failed"]).first)
        #expect(refused["reason"] as? String == "connectionfailed")
        #expect(refused["kind"] as? String == "submission_error")

        try fixture.profile("bob", secret: try fixture.secret("bob-wrong", "wrong"))
        let batch = fixture.folder("batch.jsonl")
        let lines = (1...3).map { #"{"to": ["alice@local.test"], "subject": "Batch \#($0)", "body": "Hello \#($0)"}"# }
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: batch))
        let result = try fixture.events(["send", "--user", "bob", "--batch", batch, "--ca-file", fixture.servers.caFile],
                                        expecting: 1)
        #expect(result.lines.filter { $0.hasPrefix("failed ") }.count == 3)
        #expect(try fixture.list(["--failed", "--user", "bob", "--reason", "badcredentials"]).count == 3)
        let log = (try? String(contentsOfFile: fixture.servers["POSTFIX_LOG"], encoding: .utf8)) ?? ""
        #expect(log.components(separatedBy: "SASL PLAIN authentication failed").count - 1 == 1, "one AUTH attempt")

        try fixture.profile("carol")
        let good = try fixture.events(["send", "--user", "carol", "--batch", batch, "--ca-file", fixture.servers.caFile])
        #expect(good.lines.filter { $0.hasPrefix("sent ") }.count == 3)
    }

    /// What arrives: reply-to mail is from the event mailbox with Reply-To the user; own mail is from
    /// the user; both carry the tag in a header and in the Message-ID, UTF-8 subjects encoded.
    @Test func deliveredMailCarriesTheTagInBothModes() throws {
        let fixture = try SenderFixture()
        try fixture.profile("alice")
        try fixture.profile("mari", mode: "own")
        let replyTo = try #require(SenderFixture.outgoingID(try fixture.send("alice", to: ["alice@local.test"],
                                                                               subject: "Arve nr 42 — õüäö")))
        let own = try #require(SenderFixture.outgoingID(try fixture.send("mari", to: ["alice@local.test"],
                                                                           subject: "Own \(UUID().uuidString)")))
        let first = try #require(fixture.servers.waitForMail(in: fixture.servers.aliceMaildir, containing: ["m\(replyTo)r0."]))
        #expect(first.contains("From: company@event.test"))
        #expect(first.contains("Reply-To: alice@local.test"))
        #expect(first.contains("Return-Path: <company+m\(replyTo)r0."))
        #expect(first.contains("X-MailEvents-Tag: m\(replyTo)r0."))
        #expect(first.contains("Message-ID: <m\(replyTo)r0."))
        #expect(first.contains("Subject: =?UTF-8?"), "the UTF-8 subject is an encoded word")
        let second = try #require(fixture.servers.waitForMail(in: fixture.servers.aliceMaildir, containing: ["m\(own)r0."]))
        #expect(second.contains("From: mari@local.test"))
        #expect(second.contains("Return-Path: <mari@local.test>"))
        #expect(!second.contains("Reply-To:"))
        #expect(second.contains("X-MailEvents-Tag: m\(own)r0."))
    }

    /// A certificate from a CA the run does not trust: refused before AUTH, a certificaterejected event.
    @Test func anUntrustedCertificateIsASubmissionError() throws {
        let fixture = try SenderFixture()
        try fixture.profile("alice")
        let result = try fixture.events(["send", "--user", "alice", "--to", "alice@local.test", "--subject", "x",
                                         "--ca-file", fixture.servers.otherCAFile], stdin: Data("x\n".utf8), expecting: 1)
        #expect(result.stdout.contains("certificaterejected"))
        let event = try #require(try fixture.list(["--failed"]).first)
        #expect(event["reason"] as? String == "certificaterejected")
    }
}
