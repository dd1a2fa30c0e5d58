import Foundation
import Testing

/// Sign-in with OAuth 2.0 end to end, against real components: the project's OAuth server
/// (python3-authlib: PKCE, device grant, rotating refresh tokens, introspection, revocation),
/// Dovecot checking its tokens through the oauth2 passdb, and Postfix submission through Dovecot
/// SASL. The test approves the consent where a user would.
@Suite("OAuth sign-in end to end", .serialized, .enabled(if: OAuthTestServer.isAvailable, OAuthTestServer.unavailable))
struct OAuthSignInTests {
    /// Access tokens live this long on the test server: long enough for a sign-in and a send,
    /// short enough to wait out.
    static let lifetime = 12

    static func fixture() throws -> (SenderFixture, OAuthTestServer) {
        let fixture = try SenderFixture(serverEnvironment: ["OAUTH_TEST_ACCESS_LIFETIME": String(lifetime)])
        return (fixture, OAuthTestServer(servers: fixture.servers))
    }

    /// A profile for `user` on the submission port that signs in with the test server's client.
    static func oauthProfile(_ fixture: SenderFixture, _ server: OAuthTestServer, user: String, username: String) throws {
        let result = try fixture.events([
            "config", "smtp", "set", user, "--host", "127.0.0.1", "--port", String(fixture.servers.submissionPort),
            "--tls", "starttls", "--username", username, "--auth", "oauth2", "--address", "\(user)@local.test",
            "--oauth-provider", server.issuer, "--oauth-client-id", server.clientID,
        ])
        #expect(result.stderr.contains("events config smtp login \(user)"), "the next step is named: \(result.stderr)")
    }

    /// `events config smtp login USER --no-browser`, approved at the printed address as `username`.
    @discardableResult
    static func signIn(_ fixture: SenderFixture, _ server: OAuthTestServer, user: String, username: String,
                       password: String, extra: [String] = []) throws -> BackgroundEvents {
        let login = try BackgroundEvents(["config", "smtp", "login", user, "--no-browser", "--db", fixture.db] + extra,
                                         environment: fixture.environment)
        let line = login.waitForErrorLine { $0.hasPrefix("  http://") }
        let url = try #require(line, "no sign-in address printed: \(login.stderr)").trimmingCharacters(in: .whitespaces)
        #expect(url.contains("code_challenge_method=S256") && url.contains("code_challenge="), "PKCE: \(url)")
        #expect(url.contains("redirect_uri=http%3A%2F%2F127.0.0.1%3A"), "a loopback redirect: \(url)")
        let page = try server.approve(url, user: username, password: password)
        #expect(page.status == 200, "the loopback listener answered the browser: \(page.body)")
        #expect(login.waitForExit() == 0, "login: \(login.stdout)\(login.stderr)")
        #expect(login.stdout.contains("has been authenticated for \(username)"), "\(login.stdout)")
        return login
    }

    static func stored(_ fixture: SenderFixture, _ account: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: fixture.keys + "/oauth/\(account).json"))
        return try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func signInByTheCodeFlowThenSend() throws {
        let (fixture, server) = try Self.fixture()
        try Self.oauthProfile(fixture, server, user: "alice", username: server.user)
        try Self.signIn(fixture, server, user: "alice", username: server.user, password: server.password)

        let path = fixture.keys + "/oauth/alice.json"
        let mode = try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
        #expect(mode == 0o600)
        let account = try Self.stored(fixture, "alice")
        let refresh = try #require(account["refreshToken"] as? String)
        let access = try #require(account["accessToken"] as? String)
        let shown = try fixture.events(["config", "smtp", "show", "alice"]).stdout
        #expect(shown.contains("oauth:alice"), "the profile signs in with the account: \(shown)")

        let sent = try fixture.send("alice", to: ["alice@local.test"], subject: "Signed in")
        #expect(sent.stdout.hasPrefix("sent "), "\(sent.stdout)\(sent.stderr)")
        #expect(fixture.servers.waitForMail(in: fixture.servers.aliceMaildir, containing: ["Signed in"]) != nil)

        // Never in the database, nor in anything printed.
        let database = try Data(contentsOf: URL(fileURLWithPath: fixture.db))
        for token in [refresh, access] {
            #expect(database.range(of: Data(token.utf8)) == nil, "a token is in the database")
            #expect(!sent.stdout.contains(token) && !sent.stderr.contains(token))
        }
        let tokens = try fixture.events(["config", "smtp", "tokens"]).stdout
        #expect(tokens.contains("alice: ") && tokens.contains("state        ok") && !tokens.contains(refresh), "\(tokens)")
    }

    @Test func anExpiredAccessTokenIsRenewedAndTheRotatedRefreshTokenKept() throws {
        let (fixture, server) = try Self.fixture()
        try Self.oauthProfile(fixture, server, user: "alice", username: server.user)
        try Self.signIn(fixture, server, user: "alice", username: server.user, password: server.password)
        let first = try Self.stored(fixture, "alice")
        #expect(try fixture.send("alice", to: ["alice@local.test"], subject: "Before expiry").status == 0)
        #expect(try server.refreshGrants(server.user) == 0, "a fresh token is used as it is")

        Thread.sleep(forTimeInterval: Double(Self.lifetime) + 1)
        let sent = try fixture.send("alice", to: ["alice@local.test"], subject: "After expiry")
        #expect(sent.stdout.hasPrefix("sent "), "\(sent.stdout)\(sent.stderr)")
        #expect(try server.refreshGrants(server.user) == 1)
        let second = try Self.stored(fixture, "alice")
        #expect(second["refreshToken"] as? String != first["refreshToken"] as? String, "the rotated refresh token is kept")
        #expect(second["accessToken"] as? String != first["accessToken"] as? String)
        #expect(second["lastRefreshAt"] != nil)

        // The replaced refresh token is dead at the server: keeping the new one was what mattered.
        let old = try server.post(server.issuer + "/token", [("grant_type", "refresh_token"), ("client_id", server.clientID),
                                                              ("refresh_token", first["refreshToken"] as? String ?? "")])
        #expect(old.json["error"] as? String == "invalid_grant")
    }

    @Test func aRevokedSignInIsAnEventWithItsRemedyAndIsNotRetried() throws {
        let (fixture, server) = try Self.fixture()
        try Self.oauthProfile(fixture, server, user: "alice", username: server.user)
        try Self.signIn(fixture, server, user: "alice", username: server.user, password: server.password)
        #expect(try fixture.send("alice", to: ["alice@local.test"], subject: "Before revocation").status == 0)

        try server.control("/test/revoke?username=\(server.user)")
        let failed = try fixture.send("alice", to: ["bob@example.test"], subject: "After revocation", expecting: 1)
        #expect(failed.stdout.contains("reauthorizationrequired"), "\(failed.stdout)")
        let events = try fixture.list(["--failed"])
        let event = try #require(events.first { $0["reason"] as? String == "reauthorizationrequired" })
        #expect(event["kind"] as? String == "submission_error")
        #expect(event["recipient"] as? String == "bob@example.test")
        #expect((event["remedy"] as? String)?.contains("events config smtp login alice") == true, "\(event)")
        #expect((event["cause"] as? String)?.contains("invalid_grant") == true, "\(event)")

        // The ended sign-in is remembered: the next run asks the provider nothing.
        let asked = try server.stat("token_requests")
        try fixture.send("alice", to: ["bob@example.test"], subject: "Again", expecting: 1)
        #expect(try server.stat("token_requests") == asked)
        let tokens = try fixture.events(["config", "smtp", "tokens"]).stdout
        #expect(tokens.contains("sign in again"), "\(tokens)")
        try fixture.events(["config", "smtp", "refresh", "--all"], expecting: 1)
    }

    @Test func twoConcurrentSendsWithAnExpiredTokenRenewItOnce() throws {
        let (fixture, server) = try Self.fixture()
        try Self.oauthProfile(fixture, server, user: "alice", username: server.user)
        try Self.signIn(fixture, server, user: "alice", username: server.user, password: server.password)
        Thread.sleep(forTimeInterval: Double(Self.lifetime) + 1)

        let statuses = Statuses()
        let arguments = ["send", "--user", "alice", "--to", "alice@local.test", "--ca-file", fixture.servers.caFile,
                         "--timeout", "10", "--db", fixture.db]
        let environment = fixture.environment
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            let result = try? EventsBinary.run(arguments + ["--subject", "Concurrent \(index)"], stdin: Data("Hello\n".utf8),
                                              environment: environment)
            statuses.append(result?.status ?? -1)
        }
        #expect(statuses.values == [0, 0])
        #expect(try server.refreshGrants(server.user) == 1, "one renewal served both")
    }

    @Test func signInByTheDeviceFlowHonoursSlowDown() throws {
        let (fixture, server) = try Self.fixture()
        try Self.oauthProfile(fixture, server, user: "alice", username: server.user)
        try server.control("/test/device?answer=slow_down&count=1")
        let login = try BackgroundEvents(["config", "smtp", "login", "alice", "--device", "--db", fixture.db],
                                         environment: fixture.environment)
        let line = try #require(login.waitForErrorLine { $0.contains("enter the code") }, "\(login.stderr)")
        let code = try #require(line.split(separator: " ").last.map(String.init))
        #expect(login.waitForErrorLine(seconds: 10) { $0.contains("polled less often") } != nil, "\(login.stderr)")
        try server.approveDevice(code: code, user: server.user, password: server.password)
        #expect(login.waitForExit(seconds: 40) == 0, "\(login.stdout)\(login.stderr)")
        #expect(login.stdout.contains("has been authenticated"))
        #expect(try fixture.send("alice", to: ["alice@local.test"], subject: "Device").status == 0)
    }

    @Test func aCancelledSignInStopsAtOnce() throws {
        let (fixture, server) = try Self.fixture()
        try Self.oauthProfile(fixture, server, user: "alice", username: server.user)
        let login = try BackgroundEvents(["config", "smtp", "login", "alice", "--device", "--db", fixture.db],
                                         environment: fixture.environment)
        _ = login.waitForErrorLine { $0.contains("enter the code") }
        kill(login.process.processIdentifier, SIGINT)
        #expect(login.waitForExit(seconds: 5) != 0)
        #expect(login.stderr.contains("cancelled"), "\(login.stderr)")
        #expect(!FileManager.default.fileExists(atPath: fixture.keys + "/oauth/alice.json"))
    }

    @Test func aFourKilobyteTokenGoesThroughPostfixAndDovecot() throws {
        let (fixture, server) = try Self.fixture()
        try Self.oauthProfile(fixture, server, user: "carol", username: server.longUser)
        try Self.signIn(fixture, server, user: "carol", username: server.longUser, password: server.longPassword)
        #expect((try Self.stored(fixture, "carol")["accessToken"] as? String)?.count == 4096)
        let sent = try fixture.send("carol", to: ["alice@local.test"], subject: "Long token")
        #expect(sent.stdout.hasPrefix("sent "), "\(sent.stdout)\(sent.stderr)")
    }

    @Test func anImportedRefreshTokenIsVerifiedAndKept() throws {
        let (fixture, server) = try Self.fixture()
        try Self.oauthProfile(fixture, server, user: "bob", username: server.secondUser)
        let issued = try server.control("/test/issue?username=\(server.secondUser)&scope=smtp%20offline_access").json
        let refresh = try #require(issued["refresh_token"] as? String)

        let bad = try fixture.events(["config", "smtp", "import-token", "bob", "--refresh-token", try fixture.secret("bad", "nonsense")],
                                     expecting: 1)
        #expect(bad.stderr.contains("invalid_grant"), "\(bad.stderr)")
        let good = try fixture.events(["config", "smtp", "import-token", "bob", "--refresh-token", try fixture.secret("rt", refresh)])
        #expect(good.stdout.contains("has been authenticated"), "\(good.stdout)")
        #expect(try Self.stored(fixture, "bob")["refreshToken"] as? String != refresh, "the verifying renewal rotated it")
        #expect(try fixture.send("bob", to: ["alice@local.test"], subject: "Imported").status == 0)
    }

    /// With several companies, each company's bob has his own signed-in account, named after the
    /// company, and sends with it.
    @Test func twoCompaniesUsersOfOneCodeKeepTheirOwnTokens() throws {
        let (fixture, server) = try Self.fixture()
        try fixture.events(["config", "company", "add", "beta"])
        for company in ["company", "beta"] {
            try fixture.events([
                "config", "smtp", "set", "bob", "--host", "127.0.0.1", "--port", String(fixture.servers.submissionPort),
                "--tls", "starttls", "--username", server.secondUser, "--auth", "oauth2", "--address", "bob@\(company).test",
                "--oauth-provider", server.issuer, "--oauth-client-id", server.clientID, "--company", company,
            ])
        }
        let issued = try server.control("/test/issue?username=\(server.secondUser)&scope=smtp%20offline_access").json
        let refresh = try #require(issued["refresh_token"] as? String)
        let imported = try fixture.events(["config", "smtp", "import-token", "bob", "--company", "beta",
                                           "--refresh-token", try fixture.secret("rt", refresh)])
        #expect(imported.stdout.contains("oauth:bob@beta"), "\(imported.stdout)")
        #expect(FileManager.default.fileExists(atPath: fixture.keys + "/oauth/bob@beta.json"))
        #expect(!FileManager.default.fileExists(atPath: fixture.keys + "/oauth/bob.json"))
        #expect(try fixture.events(["config", "smtp", "show", "bob", "--company", "company"]).stdout.contains("not signed in"))
        #expect(try fixture.send("bob", to: ["alice@local.test"], subject: "Beta's bob", company: "beta").status == 0)
    }

    @Test func appOnlySignInForTheMailSendingUser() throws {
        let (fixture, server) = try Self.fixture()
        try fixture.events([
            "config", "smtp", "set", "mailer", "--host", "127.0.0.1", "--port", String(fixture.servers.submissionPort),
            "--tls", "starttls", "--username", "app@events.test", "--auth", "oauth2", "--address", "mailer@local.test",
            "--oauth-provider", server.issuer, "--oauth-client-id", server.appClientID,
            "--oauth-client-secret", try fixture.secret("app-secret", server.appClientSecret),
        ])
        let login = try fixture.events(["config", "smtp", "login", "mailer", "--app-only"])
        #expect(login.stdout.contains("has been authenticated"), "\(login.stdout)")
        #expect(try fixture.send("mailer", to: ["alice@local.test"], subject: "App only").status == 0)
    }

    @Test func imapIngestWithASignedInAccount() throws {
        let (fixture, server) = try Self.fixture()
        let login = try BackgroundEvents([
            "config", "smtp", "login", "eventbox", "--no-browser", "--db", fixture.db, "--imap",
            "--oauth-provider", server.issuer, "--oauth-client-id", server.clientID, "--username", server.user,
        ], environment: fixture.environment)
        let url = try #require(login.waitForErrorLine { $0.hasPrefix("  http://") }, "\(login.stderr)")
        #expect(url.contains("imap"), "the IMAP scope is asked for: \(url)")
        try server.approve(url.trimmingCharacters(in: .whitespaces), user: server.user, password: server.password)
        #expect(login.waitForExit() == 0, "\(login.stdout)\(login.stderr)")

        let sample = EventsBinary.repositoryRoot.appendingPathComponent("samples/postfix").path
        let first = try #require(try FileManager.default.contentsOfDirectory(atPath: sample).sorted().first { $0.hasSuffix(".eml") })
        try fixture.servers.deliverIMAP(sample + "/" + first)
        let user = server.user.replacingOccurrences(of: "@", with: "%40")
        let ingest = try fixture.events([
            "ingest", "--imap", "imap://\(user)@127.0.0.1:\(fixture.servers.imapPort)/INBOX",
            "--ca-file", fixture.servers.caFile, "--oauth2-account", "eventbox",
        ])
        #expect(ingest.stdout.contains("1 messages read, 1 stored"), "\(ingest.stdout)\(ingest.stderr)")
    }
}

/// Exit statuses collected from concurrent runs.
final class Statuses: @unchecked Sendable {
    private let lock = NSLock()
    private var collected: [Int32] = []
    func append(_ status: Int32) { lock.withLock { collected.append(status) } }
    var values: [Int32] { lock.withLock { collected.sorted() } }
}
