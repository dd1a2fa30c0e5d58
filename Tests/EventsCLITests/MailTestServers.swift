import Foundation
import Testing

/// A throw-away Postfix submission server with Dovecot SASL on 127.0.0.1 (`scripts/mail-test-servers`):
/// a STARTTLS-required submission port, an implicit-TLS port and a plain port, a password user and an
/// XOAUTH2 user, a test CA, the event mailbox company@event.test and alice@local.test. Needs root,
/// postfix and dovecot-imapd; tests that use it are skipped otherwise. One instance serves a whole
/// suite through `MailTestServers.Scope` (started before its first test, stopped after its last).
final class MailTestServers: Sendable {
    static let script = ServerScript(name: "mail-test-servers")

    static var isAvailable: Bool {
        getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/sbin/postfix")
            && FileManager.default.isExecutableFile(atPath: "/usr/sbin/dovecot")
    }

    static let unavailable: Comment = "needs root, postfix and dovecot-imapd (CI installs them): SMTP tests skipped"

    let directory: String
    let values: [String: String]

    /// `environment`: the scripts' settings, e.g. `OAUTH_TEST_ACCESS_LIFETIME` (seconds).
    init(environment: [String: String] = [:]) throws {
        let directory = try ServerScript.makeDirectory(prefix: "mail")
        self.directory = directory
        do {
            values = try Self.script.values(["start", directory], environment: environment)
        } catch {
            try? FileManager.default.removeItem(atPath: directory)
            throw error
        }
    }

    deinit {
        stop()
    }

    /// Stops both servers and removes the directory; safe to call twice.
    func stop() {
        guard FileManager.default.fileExists(atPath: directory) else { return }
        _ = try? Self.script.run(["stop", directory])
        try? FileManager.default.removeItem(atPath: directory)
    }

    subscript(key: String) -> String {
        values[key] ?? ""
    }

    func port(_ key: String) -> UInt16 { UInt16(self[key]) ?? 0 }
    var submissionPort: UInt16 { port("SUBMISSION_PORT") }
    var smtpsPort: UInt16 { port("SMTPS_PORT") }
    var plainPort: UInt16 { port("PLAIN_PORT") }
    /// A port on 127.0.0.1 where nothing listens (dead.test's next hop).
    var deadPort: UInt16 { port("DEAD_PORT") }
    var caFile: String { self["CA_FILE"] }
    var otherCAFile: String { self["OTHER_CA_FILE"] }
    var user: String { self["USER"] }
    var password: String { self["PASSWORD"] }
    var oauthUser: String { self["OAUTH_USER"] }
    var oauthToken: String { self["OAUTH_TOKEN"] }
    /// A user whose XOAUTH2 token is 4 KB (RFC 4954 §4: too long for an initial response).
    var longOAuthUser: String { self["LONG_OAUTH_USER"] }
    var longOAuthToken: String { self["LONG_OAUTH_TOKEN"] }
    var eventMaildir: String { self["EVENT_MAILDIR"] }
    /// Dovecot's IMAP port (STARTTLS), whose users include the OAuth server's.
    var imapPort: UInt16 { port("IMAP_PORT") }
    /// The OAuth 2.0 server (scripts/oauth-test-server) whose tokens Dovecot introspects.
    var oauthURL: String { self["OAUTH_URL"] }
    var aliceMaildir: String { self["ALICE_MAILDIR"] }

    /// Puts messages into the INBOX Dovecot serves over IMAP.
    func deliverIMAP(_ files: String...) throws {
        _ = try Self.script.run(["deliver", directory] + files)
    }

    /// Retries Postfix's deferred queue now.
    func flush() throws {
        _ = try Self.script.run(["flush", directory])
    }

    /// Waits up to `seconds` for a message in `maildir`'s new/ that contains every string; its text.
    func waitForMail(in maildir: String, containing strings: [String], seconds: Double = 20) -> String? {
        let deadline = Date().addingTimeInterval(seconds)
        repeat {
            let new = maildir + "/new"
            for name in (try? FileManager.default.contentsOfDirectory(atPath: new)) ?? [] {
                guard let data = FileManager.default.contents(atPath: new + "/" + name) else { continue }
                let text = String(decoding: data, as: UTF8.self)
                if strings.allSatisfy(text.contains) { return text }
            }
            Thread.sleep(forTimeInterval: 0.1)
        } while Date() < deadline
        return nil
    }

    /// The servers of the running suite (see `Scope`).
    @TaskLocal static var current: MailTestServers?

    static var shared: MailTestServers {
        get throws {
            guard let current else { throw ScriptFailure(description: "no mail test servers: add .mailTestServers to the suite") }
            return current
        }
    }

    /// Starts one instance around a whole suite and stops it after the suite's last test.
    struct Scope: SuiteTrait, TestScoping {
        /// The suite only, not each of its tests.
        func scopeProvider(for test: Test, testCase: Test.Case?) -> Self? {
            test.isSuite ? self : nil
        }

        func provideScope(for test: Test, testCase: Test.Case?,
                          performing function: @Sendable () async throws -> Void) async throws {
            guard MailTestServers.isAvailable else { return try await function() }
            let servers = try MailTestServers()
            defer { servers.stop() }
            try await MailTestServers.$current.withValue(servers) { try await function() }
        }
    }
}

extension Trait where Self == MailTestServers.Scope {
    /// One `MailTestServers` instance for the whole suite, as `MailTestServers.shared`.
    static var mailTestServers: Self { Self() }
}
