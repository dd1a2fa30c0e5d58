import Foundation
import OAuthKit
import Testing

@Suite("Token responses and errors")
struct TokenResponseTests {
    static let endpoint = "https://login.microsoftonline.com/organizations/oauth2/v2.0/token"
    let provider = OAuthProvider.microsoft()

    /// An unsigned JWT with the given claims (only the payload is read).
    static func idToken(_ claims: [String: Any]) -> String {
        func part(_ object: [String: Any]) -> String {
            try! JSONSerialization.data(withJSONObject: object).base64EncodedString()
                .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                .replacingOccurrences(of: "=", with: "")
        }
        return part(["alg": "none"]) + "." + part(claims) + ".sig"
    }

    @Test func parsesASuccessfulResponse() throws {
        let json = #"{"token_type":"Bearer","scope":"https://outlook.office.com/SMTP.Send","expires_in":"3599","ext_expires_in":3599,"access_token":"AT","refresh_token":"RT","id_token":"\#(Self.idToken(["preferred_username": "ana@example.com", "email": "other@example.com"]))"}"#
        let response = try TokenResponse(json: Data(json.utf8), endpoint: Self.endpoint)
        #expect(response.accessToken == "AT")
        #expect(response.refreshToken == "RT")
        #expect(response.expiresIn == 3599)
        #expect(response.scope == "https://outlook.office.com/SMTP.Send")
        #expect(response.accountName == "ana@example.com")
        #expect(!response.description.contains("AT,") && !response.description.contains("RT"))
    }

    @Test func accountNameFallsBackToEmailThenUpn() throws {
        #expect(TokenResponse(accessToken: "a", idToken: Self.idToken(["email": "b@example.com"])).accountName == "b@example.com")
        #expect(TokenResponse(accessToken: "a", idToken: Self.idToken(["upn": "c@example.com"])).accountName == "c@example.com")
        #expect(TokenResponse(accessToken: "a", idToken: "garbage").accountName == nil)
        #expect(TokenResponse(accessToken: "a").accountName == nil)
    }

    @Test func missingAccessTokenIsAProtocolViolation() {
        #expect(throws: OAuthError.self) { try TokenResponse(json: Data(#"{"token_type":"Bearer"}"#.utf8), endpoint: Self.endpoint) }
        do {
            _ = try TokenResponse(json: Data("<html>".utf8), endpoint: Self.endpoint)
            Issue.record("parsed HTML")
        } catch {
            #expect(error.kind == .protocolViolation)
        }
    }

    @Test func microsoftExpiredRefreshTokenNeedsSignIn() throws {
        let body = """
        {"error":"invalid_grant","error_description":"AADSTS700082: The refresh token has expired due to inactivity. The token was issued on 2026-01-01T00:00:00Z.\\r\\nTrace ID: 1\\r\\nCorrelation ID: 2","error_codes":[700082],"timestamp":"2026-12-04 03:00:00Z"}
        """
        let http = FakeHTTPClient { _, _ in HTTPResponse(status: 400, body: Data(body.utf8)) }
        let endpoint = TokenEndpoint(provider: provider, client: OAuthClient(id: "app"), http: http)
        do {
            _ = try endpoint.refresh("SECRET-REFRESH", scopes: ["https://outlook.office.com/SMTP.Send", "offline_access"])
            Issue.record("no error")
        } catch {
            #expect(error.kind == .server)
            #expect(error.code == "invalid_grant")
            #expect(error.providerCodes == ["AADSTS700082"])
            #expect(error.httpStatus == 400)
            #expect(error.needsSignIn)
            #expect(error.endpoint == Self.endpoint)
            #expect(error.description.hasPrefix("the token endpoint \(Self.endpoint) answered invalid_grant: AADSTS700082: The refresh token has expired"))
            #expect(!error.description.contains("\n") && !error.description.contains("\r"))
            #expect(!error.description.contains("SECRET"))
        }
        let request = try #require(http.requests.first)
        #expect(request.fields["grant_type"] == "refresh_token")
        #expect(request.fields["scope"] == "https://outlook.office.com/SMTP.Send offline_access")
        #expect(request.fields["client_id"] == "app")
        #expect(request.fields["client_secret"] == nil)
    }

    @Test func providerCodesAreParsedFromTheDescriptionWhenNoList() {
        let http = FakeHTTPClient { _, _ in FakeHTTPClient.error(400, "invalid_client", "AADSTS7000215: Invalid client secret provided.") }
        let endpoint = TokenEndpoint(provider: provider, client: OAuthClient(id: "app", secret: "S3CRET"), http: http)
        do {
            _ = try endpoint.clientCredentials(scope: "https://outlook.office365.com/.default")
            Issue.record("no error")
        } catch {
            #expect(error.providerCodes == ["AADSTS7000215"])
            #expect(!error.needsSignIn)
            #expect(!error.description.contains("S3CRET"))
        }
        #expect(http.requests.first?.fields["client_secret"] == "S3CRET")
        #expect(http.requests.first?.fields["grant_type"] == "client_credentials")
    }

    @Test func signInCodes() {
        for code in ["invalid_grant", "interaction_required", "consent_required", "login_required"] {
            #expect(OAuthError(kind: .server, code: code, endpoint: "x").needsSignIn)
        }
        #expect(!OAuthError(kind: .server, code: "invalid_request", endpoint: "x").needsSignIn)
    }

    @Test func errorsWithoutJSONAreProtocolViolationsThatDoNotEchoTheBody() {
        let http = FakeHTTPClient { _, _ in HTTPResponse(status: 502, body: Data("<html>bad gateway code=XYZ</html>".utf8)) }
        let endpoint = TokenEndpoint(provider: provider, client: OAuthClient(id: "app"), http: http)
        do {
            _ = try endpoint.exchange(code: "C0DE", verifier: "V", redirectURI: "http://127.0.0.1:1/")
            Issue.record("no error")
        } catch {
            #expect(error.kind == .protocolViolation)
            #expect(error.httpStatus == 502)
            #expect(!error.description.contains("XYZ") && !error.description.contains("C0DE"))
        }
    }

    @Test func errorInA200BodyIsAnError() {
        let http = FakeHTTPClient { _, _ in FakeHTTPClient.error(200, "authorization_pending") }
        let endpoint = TokenEndpoint(provider: provider, client: OAuthClient(id: "app"), http: http)
        #expect(throws: OAuthError(kind: .server, code: "authorization_pending", httpStatus: 200, endpoint: Self.endpoint)) {
            try endpoint.deviceToken(deviceCode: "D")
        }
        #expect(http.requests.first?.fields["grant_type"] == "urn:ietf:params:oauth:grant-type:device_code")
    }
}
