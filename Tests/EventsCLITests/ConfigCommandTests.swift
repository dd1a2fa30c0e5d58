import Foundation
import Testing

/// `events config`: settings and profiles in the database, secrets only as where they are.
@Suite("events config")
struct ConfigCommandTests {
    @Test func profilesShowWhereSecretsAreNeverWhatTheyAre() throws {
        let folder = try TestFolder()
        defer { folder.remove() }
        let db = folder("e.sqlite")
        let set = try EventsBinary.run(["config", "smtp", "set", "MARI", "--db", db, "--preset", "office365",
                                        "--username", "mari@firm.ee", "--secret", "command:token-helper mari",
                                        "--address", "mari@firm.ee"])
        #expect(set.status == 0, "\(set.stderr)")
        #expect(set.stdout.contains("smtp.office365.com:587 starttls; oauth2 login mari@firm.ee, secret from command:token-helper mari"))
        let global = try EventsBinary.run(["config", "set", "mail-sending-user", "MARI", "--db", db])
        #expect(global.status == 0)
        let override = try EventsBinary.run(["config", "smtp", "set", "JAAN", "--db", db, "--address", "jaan@firm.ee"])
        #expect(override.status == 0, "\(override.stderr)")
        let show = try EventsBinary.run(["config", "smtp", "show", "JAAN", "--db", db])
        #expect(show.stdout.contains("server from MARI, login from MARI"))
        #expect(show.stdout.contains("smtp.office365.com:587 starttls"))
        let all = try EventsBinary.run(["config", "show", "--db", db])
        #expect(all.stdout.contains("mail-sending-user  MARI"))
        #expect(all.stdout.contains("Companies\n  (none: every message is unattributed"))
        let removed = try EventsBinary.run(["config", "smtp", "remove", "JAAN", "--db", db])
        #expect(removed.status == 0)
        let again = try EventsBinary.run(["config", "smtp", "remove", "JAAN", "--db", db])
        #expect(again.status == 1 && again.stderr.contains("no SMTP profile for JAAN"))
    }

    @Test(arguments: [
        ["config", "smtp", "set", "X", "--preset", "yahoo"],
        ["config", "smtp", "set", "X", "--port", "70000"],
        ["config", "smtp", "set", "X", "--secret", "hunter2"],
        ["config", "smtp", "set", "X", "--secret", "file:relative/pw"],
        ["config", "set", "company-name", "acme"],
        ["config", "company", "add", "bad name"],
        ["config", "company", "add", "acme+tag"],
        ["config", "set", "event-domain", "nodots"],
        ["send", "--user", "X"],
        ["send", "--user", "X", "--to", "not-an-address", "--subject", "s"],
        ["config", "smtp", "set", "X", "--oauth-provider", "yahoo"],
        ["config", "smtp", "login", "X", "--device", "--app-only"],
        ["config", "smtp", "login", "../X"],
        ["config", "smtp", "import-token", "X", "--refresh-token", "oauth:X"],
        ["config", "smtp", "refresh"],
        ["config", "set", "microsoft-tenant", "not a tenant"],
    ])
    func mistakesAreUsageErrors(_ arguments: [String]) throws {
        let result = try EventsBinary.run(arguments)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("Error"))
        #expect(!result.stderr.contains("hunter2"), "a password typed as --secret is not echoed")
    }

    /// An OAuth2 profile is saved before its sign-in and says what comes next; the sign-in names
    /// what is missing (the app registration's client id) and where it goes.
    @Test func anOAuthProfileIsSignedInNext() throws {
        let folder = try TestFolder()
        defer { folder.remove() }
        let db = folder("e.sqlite"), environment = ["EVENTS_KEY_DIR": folder("keys")]
        let set = try EventsBinary.run(["config", "smtp", "set", "MARI", "--db", db, "--preset", "office365",
                                        "--username", "mari@firm.ee", "--address", "mari@firm.ee",
                                        "--oauth-tenant", "firm.onmicrosoft.com"])
        #expect(set.status == 0, "\(set.stderr)")
        #expect(set.stdout.contains("oauth2 login mari@firm.ee, not signed in") && set.stdout.contains("tenant firm.onmicrosoft.com"))
        #expect(set.stderr.contains("`events config smtp login MARI`"))
        let login = try EventsBinary.run(["config", "smtp", "login", "MARI", "--db", db], environment: environment)
        #expect(login.status == 1)
        #expect(login.stderr.contains("events config set microsoft-client-id ID"), "\(login.stderr)")
        let google = try EventsBinary.run(["config", "smtp", "set", "GG", "--db", db, "--preset", "gmail", "--auth", "oauth2",
                                           "--username", "gg@gmail.com", "--address", "gg@gmail.com"])
        #expect(google.status == 0, "\(google.stderr)")
        #expect(try EventsBinary.run(["config", "set", "google-client-id", "1.apps.googleusercontent.com", "--db", db]).status == 0)
        let device = try EventsBinary.run(["config", "smtp", "login", "GG", "--device", "--db", db], environment: environment)
        #expect(device.status == 1 && device.stderr.contains("Google does not allow the device sign-in"), "\(device.stderr)")
        let tokens = try EventsBinary.run(["config", "smtp", "tokens"], environment: environment)
        #expect(tokens.status == 0 && tokens.stdout.hasPrefix("No signed-in accounts"))
        let send = try EventsBinary.run(["send", "--user", "MARI", "--db", db, "--to", "a@b.ee", "--subject", "s"],
                                        stdin: Data("x".utf8), environment: environment)
        #expect(send.status == 1 && send.stderr.contains("not signed in: run `events config smtp login MARI`"), "\(send.stderr)")
    }

    @Test func sendingNeedsAProfileAndAKey() throws {
        let folder = try TestFolder()
        defer { folder.remove() }
        let db = folder("e.sqlite")
        let environment = ["EVENTS_KEY_DIR": folder("keys")]
        let noProfile = try EventsBinary.run(["send", "--db", db, "--user", "NOBODY", "--to", "a@b.test", "--subject", "s"],
                                             stdin: Data("x".utf8), environment: environment)
        #expect(noProfile.status == 1)
        #expect(noProfile.stderr.contains("no SMTP profile for user NOBODY"))
        _ = try EventsBinary.run(["config", "smtp", "set", "U", "--db", db, "--host", "127.0.0.1", "--port", "2525",
                                  "--address", "u@firm.ee"])
        let noKey = try EventsBinary.run(["send", "--db", db, "--user", "U", "--to", "a@b.test", "--subject", "s"],
                                         stdin: Data("x".utf8), environment: environment)
        #expect(noKey.status == 1)
        #expect(noKey.stderr.contains("events config key"))
        let key = try EventsBinary.run(["config", "key"], environment: environment)
        #expect(key.stdout.contains("made key k1"))
        let list = try EventsBinary.run(["config", "key", "--list"], environment: environment)
        #expect(list.stdout == "k1 (current: signs new mail)\n")
        let attributes = try FileManager.default.attributesOfItem(atPath: folder("keys/k1.key"))
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
    }

    /// Ingestion reads the keys to verify tags: without any place for them it goes on (every tag
    /// is then unverified); a key file others can read stops it with what to do.
    @Test func ingestionAndTheKeysFolder() throws {
        let folder = try TestFolder()
        defer { folder.remove() }
        let sample = TestMessages.sample("delivered.eml")
        let nowhere = try EventsBinary.run(["ingest", "--db", folder("a.sqlite"), "-"], stdin: sample,
                                           environment: ["HOME": "", "XDG_CONFIG_HOME": "", "EVENTS_KEY_DIR": ""])
        #expect(nowhere.status == 0, "\(nowhere.stderr)")
        let keys = ["EVENTS_KEY_DIR": folder("keys")]
        _ = try EventsBinary.run(["config", "key"], environment: keys)
        chmod(folder("keys/k1.key"), 0o644)
        let exposed = try EventsBinary.run(["ingest", "--db", folder("b.sqlite"), "-"], stdin: sample, environment: keys)
        #expect(exposed.status == 1)
        #expect(exposed.stderr.hasPrefix("events: ") && exposed.stderr.contains("chmod 600"))
    }

    /// A message that cannot be built (a line break in its subject) is recorded as not sent and the
    /// rest of the batch goes on; nothing reaches a server (none listens here).
    @Test func anUnfitMessageDoesNotStopTheBatch() throws {
        let folder = try TestFolder()
        defer { folder.remove() }
        let db = folder("e.sqlite")
        let environment = ["EVENTS_KEY_DIR": folder("keys")]
        _ = try EventsBinary.run(["config", "key"], environment: environment)
        _ = try EventsBinary.run(["config", "smtp", "set", "U", "--db", db, "--host", "127.0.0.1", "--port", "9",
                                  "--tls", "none", "--sender-mode", "own", "--address", "u@firm.ee"])
        let batch = folder("batch.jsonl")
        try Data(("""
            {"to": ["a@b.test"], "subject": "Bcc: everyone@b.test\\nSubject: x", "body": "x"}
            {"to": ["a@b.test"], "subject": "fine", "body": "x"}

            """).utf8).write(to: URL(fileURLWithPath: batch))
        let result = try EventsBinary.run(["send", "--db", db, "--user", "U", "--batch", batch, "--timeout", "2"],
                                          environment: environment)
        #expect(result.status == 1)
        #expect(result.lines.first?.hasPrefix("failed 1 ") == true)
        #expect(result.stdout.contains("a@b.test: notsent:"))
        #expect(result.lines.contains { $0.hasPrefix("failed 2 ") }, "the second message was tried: \(result.stdout)")
        #expect(result.stdout.contains("connectionfailed"))
    }
}
