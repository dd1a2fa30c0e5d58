import Foundation

/// The four requests made to a provider's token endpoint (RFC 6749 §4.1.3, §6, §4.4; RFC 8628 §3.4).
/// The client authenticates with client_secret_post when it has a secret: Microsoft and Google both
/// accept it, and Google requires the secret even for desktop apps.
public struct TokenEndpoint: Sendable {
    public let provider: OAuthProvider
    public let client: OAuthClient
    public let http: HTTPClient

    public init(provider: OAuthProvider, client: OAuthClient, http: HTTPClient) {
        self.provider = provider
        self.client = client
        self.http = http
    }

    /// Trades an authorization code for tokens, proving possession of the PKCE verifier.
    public func exchange(code: String, verifier: String, redirectURI: String) throws(OAuthError) -> TokenResponse {
        try post([("grant_type", "authorization_code"), ("code", code), ("redirect_uri", redirectURI),
                  ("code_verifier", verifier)])
    }

    /// grant_type=refresh_token; `scope` is sent when non-empty (Microsoft issues a token for the
    /// scopes asked; Google ignores or narrows).
    public func refresh(_ refreshToken: String, scopes: [String]) throws(OAuthError) -> TokenResponse {
        var fields = [("grant_type", "refresh_token"), ("refresh_token", refreshToken)]
        if !scopes.isEmpty { fields.append(("scope", scopes.joined(separator: " "))) }
        return try post(fields)
    }

    /// App-only access (Microsoft: scope https://outlook.office365.com/.default and a client secret).
    public func clientCredentials(scope: String) throws(OAuthError) -> TokenResponse {
        try post([("grant_type", "client_credentials"), ("scope", scope)])
    }

    /// One device-flow poll; authorization_pending and slow_down come back as server errors.
    public func deviceToken(deviceCode: String) throws(OAuthError) -> TokenResponse {
        try post([("grant_type", "urn:ietf:params:oauth:grant-type:device_code"), ("device_code", deviceCode)])
    }

    /// client_id always (public clients identify themselves so), client_secret when there is one.
    func post(_ fields: [(String, String)]) throws(OAuthError) -> TokenResponse {
        let response = try http.postForm(provider.tokenEndpoint, fields: fields + clientFields, basic: nil)
        return try EndpointAnswer.token(response, endpoint: OAuthError.place(provider.tokenEndpoint))
    }

    var clientFields: [(String, String)] {
        var fields = [("client_id", client.id)]
        if let secret = client.secret { fields.append(("client_secret", secret)) }
        return fields
    }
}
