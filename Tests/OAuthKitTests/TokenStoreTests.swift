import Foundation
import OAuthKit
import Testing

@Suite("TokenStore")
struct TokenStoreTests {
    static let t0 = StoredAccountTests.signedIn

    /// A store in a fresh directory (not yet created) under the temporary directory.
    static func store() -> TokenStore {
        TokenStore(directory: NSTemporaryDirectory() + "oauthkit-\(UUID().uuidString)/oauth")
    }

    static func cleanUp(_ store: TokenStore) {
        try? FileManager.default.removeItem(atPath: (store.directory as NSString).deletingLastPathComponent)
    }

    static func mode(_ path: String) throws -> Int {
        try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    }

    /// A token endpoint whose every refresh rotates: access token ATn, refresh token RTn (n = call number from 1).
    static func rotating(_ calls: Locked<Int>, delay: TimeInterval = 0) -> FakeHTTPClient {
        FakeHTTPClient { _, _ in
            let n = calls.update { count -> Int in
                count += 1
                return count
            }
            if delay > 0 { Thread.sleep(forTimeInterval: delay) }
            return FakeHTTPClient.token("AT\(n)", refresh: "RT\(n)", expiresIn: 3600)
        }
    }

    static func endpoint(_ http: FakeHTTPClient) -> @Sendable (StoredAccount) throws -> TokenEndpoint {
        { _ in TokenEndpoint(provider: .microsoft(), client: OAuthClient(id: "app"), http: http) }
    }

    @Test func savedFilesArePrivateAndReplacedAtomically() throws {
        let store = Self.store()
        defer { Self.cleanUp(store) }
        #expect(try store.accounts().isEmpty)
        #expect(try store.load("ANA") == nil)
        let account = StoredAccountTests.account()
        try store.save(account)
        #expect(try Self.mode(store.directory) == 0o700)
        #expect(try Self.mode(store.directory + "/ANA.json") == 0o600)
        var changed = account
        changed.username = "ana@example.com"
        try store.save(changed)
        #expect(try store.load("ANA") == changed)
        try store.save(StoredAccountTests.account(name: "BOB@example.com"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: store.directory).sorted() == ["ANA.json", "BOB@example.com.json"])
        #expect(try store.accounts().map(\.name) == ["ANA", "BOB@example.com"])
        #expect(try store.remove("ANA"))
        #expect(try !store.remove("ANA"))
        #expect(try store.accounts().map(\.name) == ["BOB@example.com"])
    }

    @Test func datesAreReadAsISO8601OrSeconds() throws {
        let store = Self.store()
        defer { Self.cleanUp(store) }
        try store.save(StoredAccountTests.account())
        let path = store.directory + "/ANA.json"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("\"signedInAt\" : \"2027-01-15T08:00:00.000Z\""))
        try text.replacingOccurrences(of: "\"2027-01-15T08:00:00.000Z\"", with: "1800000000").write(toFile: path, atomically: false, encoding: .utf8)
        #expect(try store.load("ANA")?.signedInAt == Self.t0)
    }

    @Test func badNamesAreRejected() {
        let store = Self.store()
        defer { Self.cleanUp(store) }
        for name in ["", ".hidden", "../escape", "a/b", "with space", String(repeating: "x", count: 129), "é"] {
            #expect(throws: TokenStoreError.badName(name)) { try store.load(name) }
        }
        var account = StoredAccountTests.account()
        account.name = "../x"
        #expect(throws: TokenStoreError.badName("../x")) { try store.save(account) }
        #expect(TokenStore.isValidName("ana.b_c@d+e-f"))
    }

    @Test func unreadableFilesAreReportedByName() throws {
        let store = Self.store()
        defer { Self.cleanUp(store) }
        try store.save(StoredAccountTests.account())
        try "{\"name\": \"ANA\", \"refreshToken\": \"SECRET\"}".write(toFile: store.directory + "/ANA.json", atomically: false, encoding: .utf8)
        do {
            _ = try store.accounts()
            Issue.record("read a broken file")
        } catch {
            #expect(error.description.contains(store.directory + "/ANA.json"))
            #expect(!error.description.contains("SECRET"))
        }
    }

    @Test func cachedTokenBeforeRefreshAfterAndARefreshAfterIt() throws {
        let store = Self.store()
        defer { Self.cleanUp(store) }
        let calls = Locked(0)
        let http = Self.rotating(calls)
        try store.save(StoredAccountTests.account().updated(with: TokenResponse(accessToken: "AT0", expiresIn: 3600), now: Self.t0))
        let cached = try store.accessToken(for: "ANA", now: Self.t0.addingTimeInterval(3299), endpoint: Self.endpoint(http))
        #expect(cached.token == "AT0" && !cached.refreshed)
        #expect(calls.get() == 0)

        let later = Self.t0.addingTimeInterval(3300)
        let fresh = try store.accessToken(for: "ANA", now: later, endpoint: Self.endpoint(http))
        #expect(fresh.token == "AT1" && fresh.refreshed)
        #expect(fresh.account.refreshToken == "RT1")
        let request = try #require(http.requests.first)
        #expect(request.fields["refresh_token"] == "RT1")  // the account's original refresh token
        // Saved before returning: the rotated refresh token is on disk.
        let onDisk = try #require(try store.load("ANA"))
        #expect(onDisk == fresh.account)
        #expect(onDisk.refreshToken == "RT1" && onDisk.accessToken == "AT1" && onDisk.lastRefreshAt == later)
        #expect(onDisk.refreshAfter == later.addingTimeInterval(3300))

        let forced = try store.refresh("ANA", now: later.addingTimeInterval(1), endpoint: Self.endpoint(http))
        #expect(forced.accessToken == "AT2" && forced.refreshToken == "RT2" && forced.refreshCount == 3)
        #expect(http.requests.last?.fields["refresh_token"] == "RT1")
    }

    @Test func clientCredentialsAskForTheJoinedScopes() throws {
        let store = Self.store()
        defer { Self.cleanUp(store) }
        let calls = Locked(0)
        let http = Self.rotating(calls)
        var account = StoredAccountTests.account(refreshToken: nil, grant: .clientCredentials)
        account.scopes = ["https://outlook.office365.com/.default"]
        try store.save(account)
        let result = try store.accessToken(for: "ANA", now: Self.t0, endpoint: Self.endpoint(http))
        #expect(result.token == "AT1")
        #expect(http.requests.first?.fields["grant_type"] == "client_credentials")
        #expect(http.requests.first?.fields["scope"] == "https://outlook.office365.com/.default")
    }

    @Test func noAccount() {
        let store = Self.store()
        defer { Self.cleanUp(store) }
        #expect(throws: TokenStoreError.noAccount("NOBODY")) {
            try store.accessToken(for: "NOBODY", now: Self.t0, endpoint: Self.endpoint(Self.rotating(Locked(0))))
        }
        #expect(TokenStoreError.noAccount("NOBODY").description == "no signed-in account NOBODY: sign in with `events config smtp login NOBODY`")
    }

    @Test func deadGrantIsRecordedAndNotRetried() throws {
        let store = Self.store()
        defer { Self.cleanUp(store) }
        let http = FakeHTTPClient { _, _ in
            FakeHTTPClient.error(400, "invalid_grant", "AADSTS700082: The refresh token has expired due to inactivity.")
        }
        try store.save(StoredAccountTests.account())
        let failedAt = Self.t0.addingTimeInterval(10)
        do {
            _ = try store.accessToken(for: "ANA", now: failedAt, endpoint: Self.endpoint(http))
            Issue.record("refreshed")
        } catch let error as OAuthError {
            #expect(error.needsSignIn)
        }
        let recorded = try #require(try store.load("ANA"))
        #expect(recorded.needsSignIn)
        #expect(recorded.lastErrorAt == failedAt)
        #expect(recorded.lastError?.contains("AADSTS700082") == true)
        #expect(recorded.lastError?.contains("RT1") == false)
        #expect(recorded.refreshToken == "RT1")

        for _ in 0..<2 {
            do {
                _ = try store.accessToken(for: "ANA", now: failedAt.addingTimeInterval(3600), endpoint: Self.endpoint(http))
                Issue.record("refreshed")
            } catch let error as OAuthError {
                #expect(error.code == "invalid_grant" && error.needsSignIn)
                #expect(error.errorDescription == recorded.lastError)
                #expect(error.description.contains("events config smtp login ANA"))
            }
        }
        #expect(throws: OAuthError.self) { try store.refresh("ANA", now: failedAt, endpoint: Self.endpoint(http)) }
        #expect(http.requests.count == 1)
    }

    @Test func transientFailureIsRecordedButRetried() throws {
        let store = Self.store()
        defer { Self.cleanUp(store) }
        let http = FakeHTTPClient { request, number throws(OAuthError) in
            if number == 0 { throw OAuthError(kind: .transport, detail: "connection refused", endpoint: "https://login.microsoftonline.com/x") }
            return FakeHTTPClient.token("AT", expiresIn: 3600)
        }
        try store.save(StoredAccountTests.account())
        #expect(throws: OAuthError.self) { try store.accessToken(for: "ANA", now: Self.t0, endpoint: Self.endpoint(http)) }
        let failed = try #require(try store.load("ANA"))
        #expect(failed.lastError?.contains("connection refused") == true)
        #expect(failed.lastErrorAt == Self.t0)
        #expect(!failed.needsSignIn)
        let result = try store.accessToken(for: "ANA", now: Self.t0.addingTimeInterval(60), endpoint: Self.endpoint(http))
        #expect(result.token == "AT" && result.account.lastError == nil && result.account.lastErrorAt == nil)
        #expect(result.account.refreshToken == "RT1")
    }

    @Test func concurrentCallersRefreshExactlyOnce() throws {
        let store = Self.store()
        defer { Self.cleanUp(store) }
        let calls = Locked(0)
        let http = Self.rotating(calls, delay: 0.2)
        try store.save(StoredAccountTests.account())  // no access token: expired
        let results = Locked<[String]>([])
        let failures = Locked<[String]>([])
        let endpoint = Self.endpoint(http)
        DispatchQueue.concurrentPerform(iterations: 2) { _ in
            do {
                let result = try store.accessToken(for: "ANA", now: Self.t0, endpoint: endpoint)
                results.update { $0.append(result.token) }
            } catch {
                failures.update { $0.append("\(error)") }
            }
        }
        #expect(failures.get().isEmpty)
        #expect(calls.get() == 1)
        #expect(results.get() == ["AT1", "AT1"])
        #expect(try store.load("ANA")?.refreshToken == "RT1")
        #expect(http.requests.allSatisfy { $0.fields["refresh_token"] == "RT1" })
    }

    @Test func lockTimesOut() throws {
        let store = Self.store()
        defer { Self.cleanUp(store) }
        let holding = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let holderDone = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            _ = try? store.withLock("ANA") {
                holding.signal()
                release.wait()
            }
            holderDone.signal()
        }
        holding.wait()
        let started = Date()
        #expect(throws: TokenStoreError.lockTimeout("ANA")) { try store.withLock("ANA", timeout: 0.3) {} }
        #expect(Date().timeIntervalSince(started) >= 0.3)
        release.signal()
        holderDone.wait()
        #expect(try store.withLock("ANA", timeout: 1) { 42 } == 42)
        #expect(try Self.mode(store.directory + "/ANA.lock") == 0o600)
    }
}
