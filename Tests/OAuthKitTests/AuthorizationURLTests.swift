import Foundation
import OAuthKit
import Testing

@Suite("Authorization URL and providers")
struct AuthorizationURLTests {
    static func query(_ url: URL) -> [String: String] {
        let items = URLComponents(url: url, resolvingAgainstBaseURL: false)?.queryItems ?? []
        return Dictionary(items.map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { first, _ in first })
    }

    let http = FakeHTTPClient { _, _ in FakeHTTPClient.token("unused") }

    @Test func microsoftURLCarriesPKCEStateAndHint() throws {
        let provider = OAuthProvider.microsoft()
        let flow = AuthorizationCodeFlow(provider: provider, client: OAuthClient(id: "client-1"), scopes: provider.smtpScopes,
                                         loginHint: "ana+mail@example.com", http: http)
        let pending = try flow.start()
        defer { _ = try? flow.finish(pending, timeout: 0, isCancelled: { true }) }
        let url = pending.authorizationURL
        #expect(url.absoluteString.hasPrefix("https://login.microsoftonline.com/organizations/oauth2/v2.0/authorize?"))
        let query = Self.query(url)
        #expect(query["response_type"] == "code")
        #expect(query["client_id"] == "client-1")
        #expect(query["redirect_uri"] == "http://127.0.0.1:\(pending.port)/")
        #expect(pending.redirectURI == "http://127.0.0.1:\(pending.port)/")
        #expect(pending.port != 0)
        #expect(query["scope"] == "https://outlook.office.com/SMTP.Send offline_access")
        #expect(query["state"].map { $0.count >= 16 } == true)
        #expect(query["code_challenge"]?.count == 43)
        #expect(query["code_challenge_method"] == "S256")
        #expect(query["login_hint"] == "ana+mail@example.com")
        #expect(query["access_type"] == nil && query["prompt"] == nil)
        // "+" must be escaped, or the server reads a space.
        #expect(url.absoluteString.contains("login_hint=ana%2Bmail%40example.com"))
    }

    @Test func googleURLAsksForOfflineAccessAndConsent() throws {
        // A secret no random state or PKCE challenge can hold by chance (a two-letter one could:
        // "GS" turned up in a code challenge once in about sixty runs).
        let secret = "client-secret.of.this.test"
        let flow = AuthorizationCodeFlow(provider: .google, client: OAuthClient(id: "g.apps.googleusercontent.com", secret: secret),
                                         scopes: OAuthProvider.google.imapScopes, loginHint: nil, http: http)
        let pending = try flow.start()
        defer { _ = try? flow.finish(pending, timeout: 0, isCancelled: { true }) }
        let query = Self.query(pending.authorizationURL)
        #expect(pending.authorizationURL.host == "accounts.google.com")
        #expect(query["access_type"] == "offline")
        #expect(query["prompt"] == "consent")
        #expect(query["scope"] == "https://mail.google.com/")
        #expect(query["login_hint"] == nil)
        #expect(query["client_secret"] == nil)
        #expect(!pending.authorizationURL.absoluteString.contains(secret))
        #expect(!pending.authorizationURL.absoluteString.contains("secret.of.this"))
    }

    @Test func redirectHostCanBeLocalhost() throws {
        var flow = AuthorizationCodeFlow(provider: .microsoft(), client: OAuthClient(id: "c"), scopes: ["s"], loginHint: nil, http: http)
        flow.redirectHost = "localhost"
        let pending = try flow.start()
        defer { _ = try? flow.finish(pending, timeout: 0, isCancelled: { true }) }
        #expect(pending.redirectURI == "http://localhost:\(pending.port)/")
        #expect(Self.query(pending.authorizationURL)["redirect_uri"] == pending.redirectURI)
    }

    @Test func providerEndpoints() {
        let microsoft = OAuthProvider.microsoft(tenant: "contoso.onmicrosoft.com")
        #expect(microsoft.tokenEndpoint.absoluteString == "https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token")
        #expect(microsoft.deviceAuthorizationEndpoint?.absoluteString
            == "https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/devicecode")
        #expect(microsoft.imapScopes == ["https://outlook.office.com/IMAP.AccessAsUser.All", "offline_access"])
        #expect(microsoft.appOnlyScope == "https://outlook.office365.com/.default")
        #expect(OAuthProvider.google.tokenEndpoint.absoluteString == "https://oauth2.googleapis.com/token")
        #expect(OAuthProvider.google.revocationEndpoint?.absoluteString == "https://oauth2.googleapis.com/revoke")
        #expect(OAuthProvider.google.deviceAuthorizationEndpoint == nil)
        #expect(microsoft.identityScopes == ["openid", "profile"])
        #expect(OAuthProvider.google.identityScopes == ["openid", "email"])
        #expect(OAuthProvider.google == OAuthProvider.google)
        #expect(OAuthProvider.google != OAuthProvider.microsoft())
    }

    @Test func discoveryFallsBackToOpenIDConfiguration() throws {
        let http = FakeHTTPClient { request, _ in
            if request.url.path == "/.well-known/oauth-authorization-server/realms/mail" { return HTTPResponse(status: 404, body: Data()) }
            #expect(request.url.absoluteString == "https://idp.example.com/realms/mail/.well-known/openid-configuration")
            return FakeHTTPClient.json(200, [
                "issuer": "https://idp.example.com/realms/mail",
                "authorization_endpoint": "https://idp.example.com/realms/mail/auth",
                "token_endpoint": "https://idp.example.com/realms/mail/token",
                "device_authorization_endpoint": "https://idp.example.com/realms/mail/device",
            ])
        }
        let provider = try OAuthProvider.discover(issuer: URL(string: "https://idp.example.com/realms/mail")!, http: http)
        #expect(provider.kind == .generic)
        #expect(provider.name == "the OAuth server at https://idp.example.com/realms/mail")
        #expect(provider.tokenEndpoint.absoluteString == "https://idp.example.com/realms/mail/token")
        #expect(provider.deviceAuthorizationEndpoint?.absoluteString == "https://idp.example.com/realms/mail/device")
        #expect(provider.revocationEndpoint == nil)
        #expect(provider.smtpScopes == ["smtp", "offline_access"])
        #expect(provider.imapScopes == ["imap", "offline_access"])
        #expect(provider.appOnlyScope == "smtp")
        #expect(http.requests.count == 2)
    }

    @Test func discoveryRejectsAnotherIssuer() {
        let http = FakeHTTPClient { _, _ in
            FakeHTTPClient.json(200, ["issuer": "https://evil.example.com", "authorization_endpoint": "https://evil.example.com/a",
                                      "token_endpoint": "https://evil.example.com/t"])
        }
        #expect(throws: OAuthError.self) { try OAuthProvider.discover(issuer: URL(string: "https://idp.example.com")!, http: http) }
    }

    @Test func plainHTTPIsRefusedExceptToLoopback() {
        let client = HTTPTransport(timeout: 2)
        do {
            _ = try client.get(URL(string: "http://login.example.com/token?x=1")!)
            Issue.record("plain http to a remote host was allowed")
        } catch {
            #expect(error.kind == .transport)
            #expect(error.endpoint == "http://login.example.com/token")
        }
    }

    @Test func theTransportTalksToLoopback() throws {
        // A listener from a flow that is never finished: it answers only its redirect path, so /token gets a 404.
        let flow = AuthorizationCodeFlow(provider: .google, client: OAuthClient(id: "c"), scopes: [], loginHint: nil, http: http)
        let pending = try flow.start()
        let done = DispatchSemaphore(value: 0)
        let port = pending.port
        let result = Locked<Result<HTTPResponse, OAuthError>?>(nil)
        DispatchQueue.global().async {
            do throws(OAuthError) {
                let response = try HTTPTransport(timeout: 5).postForm(URL(string: "http://127.0.0.1:\(port)/token")!,
                                                                            fields: [("a", "b")], basic: nil)
                result.set(.success(response))
            } catch {
                result.set(.failure(error))
            }
            done.signal()
        }
        _ = try? flow.finish(pending, timeout: 10, isCancelled: { done.wait(timeout: .now()) == .success })
        let response = try #require(try result.get()?.get())
        #expect(response.status == 404)
    }
}

/// A value shared between a test and the threads it starts.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) {
        self.value = value
    }

    func get() -> Value {
        lock.lock()
        defer { lock.unlock() }
        return value
    }

    func set(_ newValue: Value) {
        lock.lock()
        defer { lock.unlock() }
        value = newValue
    }

    func update<T>(_ body: (inout Value) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}
