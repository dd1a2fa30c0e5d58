import Foundation
import OAuthKit
import Testing

@Suite("Revocation and account endpoints")
struct RevocationTests {
    @Test func googleRevokesAndTreatsAnUnknownTokenAsRevoked() throws {
        let http = FakeHTTPClient { _, number in
            number == 0 ? HTTPResponse(status: 200, body: Data("{}".utf8)) : FakeHTTPClient.error(400, "invalid_token", "Token expired or revoked")
        }
        let endpoint = TokenEndpoint(provider: .google, client: OAuthClient(id: "g", secret: "GS"), http: http)
        #expect(try endpoint.revoke("RT"))
        #expect(try endpoint.revoke("RT"))
        let request = try #require(http.requests.first)
        #expect(request.url.absoluteString == "https://oauth2.googleapis.com/revoke")
        #expect(request.fields["token"] == "RT" && request.fields["token_type_hint"] == "refresh_token")
        #expect(request.fields["client_id"] == "g" && request.fields["client_secret"] == "GS")
    }

    @Test func otherRevocationErrorsThrow() {
        let http = FakeHTTPClient { _, _ in FakeHTTPClient.error(400, "unsupported_token_type") }
        let endpoint = TokenEndpoint(provider: .google, client: OAuthClient(id: "g"), http: http)
        #expect(throws: OAuthError.self) { try endpoint.revoke("RT") }
    }

    @Test func microsoftHasNoRevocation() throws {
        let http = FakeHTTPClient { _, _ in FakeHTTPClient.token("x") }
        #expect(try !TokenEndpoint(provider: .microsoft(), client: OAuthClient(id: "m"), http: http).revoke("RT"))
        #expect(http.requests.isEmpty)
    }

    @Test func anAccountsEndpointRefreshesAtItsStoredURL() throws {
        var account = StoredAccountTests.account()
        account.tokenEndpoint = URL(string: "https://login.microsoftonline.com/contoso.example/oauth2/v2.0/token")!
        let http = FakeHTTPClient { _, _ in FakeHTTPClient.token("AT") }
        let endpoint = TokenEndpoint(account: account, client: OAuthClient(id: account.clientID), http: http)
        #expect(endpoint.provider.kind == .microsoft && endpoint.provider.name == "Microsoft 365")
        _ = try endpoint.refresh("RT1", scopes: account.scopes)
        #expect(http.requests.first?.url == account.tokenEndpoint)
        #expect(http.requests.first?.fields["client_id"] == "app")
    }

    @Test func descriptionsNameNoSecrets() {
        let pkce = PKCE(verifier: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")
        #expect(!"\(pkce)".contains(pkce.verifier))
        #expect(!"\(OAuthClient(id: "app", secret: "S3CRET"))".contains("S3CRET"))
        #expect(!"\(HTTPResponse(status: 200, body: Data("{\"access_token\":\"AT-SECRET\"}".utf8)))".contains("AT-SECRET"))
        let response = TokenResponse(accessToken: "AT-SECRET", expiresIn: 3600, refreshToken: "RT-SECRET")
        #expect(!"\(response)".contains("SECRET"))
    }
}
