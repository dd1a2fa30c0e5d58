import Foundation
import Testing

/// The sender's papercuts: a secret that cannot be read is an event per recipient of every message
/// of the run (the messages are still recorded, as failed); messages name options that exist;
/// Microsoft 365 with a password is refused at `config smtp set`. None of these needs a server.
@Suite("events send: papercuts")
struct SendPapercutTests {
    /// A database with a signing key and the event mailbox, in a temporary folder.
    struct Setup {
        let folder: TestFolder
        let db: String
        let keys: String

        init() throws {
            folder = try TestFolder()
            db = folder("events.sqlite")
            keys = folder("keys")
            try run(["config", "key"], database: false)
            try run(["config", "company", "add", "company"])
        }

        @discardableResult
        func run(_ arguments: [String], database: Bool = true, environment: [String: String] = [:],
                 expecting status: Int32? = 0) throws -> EventsBinary.Result {
            let result = try EventsBinary.run(arguments + (database ? ["--db", db] : []),
                                              stdin: Data("Hello\n".utf8), environment: ["EVENTS_KEY_DIR": keys].merging(environment) { $1 })
            if let status { #expect(result.status == status, "\(arguments): \(result.stdout)\(result.stderr)") }
            return result
        }

        func events(_ arguments: [String]) throws -> [[String: Any]] {
            let result = try run(["list", "--format", "json", "--limit", "0"] + arguments)
            return (try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]]) ?? []
        }
    }

    @Test func missingSecretFileIsAnEventForEveryRecipientOfEveryMessage() throws {
        let setup = try Setup()
        defer { setup.folder.remove() }
        let missing = setup.folder("no-such-password")
        try setup.run(["config", "smtp", "set", "MARI", "--host", "127.0.0.1", "--port", "1", "--tls", "ssl",
                       "--username", "mari@firm.test", "--secret", "file:" + missing, "--address", "mari@firm.test"])
        let batch = setup.folder("batch.jsonl")
        try Data("""
            {"to": ["a@example.com", "b@example.com"], "subject": "Invoice 1", "body": "x"}
            {"to": ["c@example.com"], "subject": "Invoice 2", "body": "y"}

            """.utf8).write(to: URL(fileURLWithPath: batch))
        let result = try setup.run(["send", "--user", "MARI", "--batch", batch], expecting: 1)
        #expect(result.stdout.split(separator: "\n").filter { $0.hasPrefix("failed ") }.count == 2, "\(result.stdout)")
        #expect(result.stdout.contains("secretunavailable"))
        let events = try setup.events(["--failed"])
        #expect(events.count == 3)
        #expect(Set(events.compactMap { $0["recipient"] as? String }) == ["a@example.com", "b@example.com", "c@example.com"])
        for event in events {
            #expect(event["kind"] as? String == "submission_error")
            #expect(event["reason"] as? String == "secretunavailable")
            #expect((event["cause"] as? String ?? "").contains("file:" + missing))
            #expect((event["remedy"] as? String ?? "").contains("events config smtp set MARI --secret file:PATH|env:NAME|command:CMD"))
        }
        let sent = try JSONSerialization.jsonObject(with: Data(try setup.run(["sent", "--format", "json"]).stdout.utf8))
        let states = (sent as? [[String: Any]] ?? []).map { $0["state"] as? String }
        #expect(states == ["failed", "failed"], "both messages recorded as failed")
    }

    @Test func unsetVariableNamesTheVariableNeverTheSecret() throws {
        let setup = try Setup()
        defer { setup.folder.remove() }
        try setup.run(["config", "smtp", "set", "MARI", "--host", "127.0.0.1", "--port", "1", "--tls", "ssl",
                       "--username", "mari@firm.test", "--secret", "env:MARI_SMTP_PASSWORD_UNSET", "--address", "mari@firm.test"])
        let result = try setup.run(["send", "--user", "MARI", "--to", "a@example.com", "--subject", "Invoice"],
                                   environment: ["MARI_SMTP_PASSWORD_UNSET": ""], expecting: 1)
        #expect(result.stderr.contains("events list --failed --user MARI"))
        let event = try #require(try setup.events(["--failed"]).first)
        #expect(event["reason"] as? String == "secretunavailable")
        #expect((event["remedy"] as? String ?? "").contains("Set $MARI_SMTP_PASSWORD_UNSET"))
    }

    @Test func profileWithoutSecretNamesRealOptions() throws {
        let setup = try Setup()
        defer { setup.folder.remove() }
        let result = try setup.run(["config", "smtp", "set", "MARI", "--host", "smtp.zone.ee", "--port", "465",
                                    "--username", "mari@firm.test", "--address", "mari@firm.test"], expecting: 1)
        #expect(result.stderr.contains("--secret file:PATH|env:NAME|command:CMD"), "\(result.stderr)")
        #expect(result.stderr.contains("events config smtp login MARI"))
        for invented in ["--password-file", "--password-env", "--secret-command"] {
            #expect(!result.stderr.contains(invented))
        }
    }

    @Test func office365WithPasswordIsRefusedGmailIsNot() throws {
        let setup = try Setup()
        defer { setup.folder.remove() }
        let refused = try setup.run(["config", "smtp", "set", "MARI", "--preset", "office365", "--auth", "password",
                                     "--username", "mari@firm.test", "--secret", "env:PW", "--address", "mari@firm.test"],
                                    expecting: 2)
        #expect(refused.stderr.contains("December 2026"), "\(refused.stderr)")
        #expect(refused.stderr.contains("events config smtp login"))
        let byHost = try setup.run(["config", "smtp", "set", "MARI", "--host", "SMTP.office365.com", "--port", "587",
                                    "--auth", "password", "--username", "mari@firm.test", "--secret", "env:PW",
                                    "--address", "mari@firm.test"], expecting: 1)
        #expect(byHost.stderr.contains("not saved: Microsoft 365 does not take a password"), "\(byHost.stderr)")
        try setup.run(["config", "smtp", "set", "MARI", "--preset", "office365", "--username", "mari@firm.test",
                       "--address", "mari@firm.test"])
        try setup.run(["config", "smtp", "set", "JAAN", "--preset", "gmail", "--auth", "password", "--username", "jaan@gmail.com",
                       "--secret", "env:PW", "--address", "jaan@gmail.com"])
    }
}

/// A profile with no login that a server refuses: `authrequired`, saying the profile has no login,
/// against the test Postfix's plain port (it takes mail only from signed-in clients).
@Suite("events send: no login", .serialized, .enabled(if: MailTestServers.isAvailable, MailTestServers.unavailable))
struct SendWithoutLoginTests {
    @Test func refusalOfAProfileWithoutLoginIsAuthRequired() throws {
        let fixture = try SenderFixture()
        try fixture.events(["config", "smtp", "set", "nologin", "--host", "127.0.0.1", "--port", String(fixture.servers.plainPort),
                            "--tls", "none", "--username", "", "--address", "nologin@local.test"])
        let result = try fixture.send("nologin", to: ["alice@local.test"], expecting: 1)
        #expect(result.stdout.contains("authrequired"), "\(result.stdout)")
        let event = try #require(try fixture.list(["--failed"]).first)
        #expect(event["reason"] as? String == "authrequired", "\(event)")
        #expect((event["cause"] as? String ?? "").contains("this profile has no login"))
        #expect((event["remedy"] as? String ?? "").contains("--username"))
        #expect(!(event["remedy"] as? String ?? "").contains("recipient's address for typos"))
    }
}
