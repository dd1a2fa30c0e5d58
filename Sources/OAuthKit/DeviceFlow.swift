import Foundation

/// RFC 8628 device authorization: for machines without a browser (a server over ssh), the user
/// enters a short code on another device while this process polls the token endpoint.
public struct DeviceFlow: Sendable {
    public let provider: OAuthProvider
    public let client: OAuthClient
    public let scopes: [String]
    public let http: HTTPClient

    public init(provider: OAuthProvider, client: OAuthClient, scopes: [String], http: HTTPClient) {
        self.provider = provider
        self.client = client
        self.scopes = scopes
        self.http = http
    }

    /// Asks for a device code and a user code.
    public func start() throws(OAuthError) -> DeviceAuthorization {
        guard let url = provider.deviceAuthorizationEndpoint else {
            throw OAuthError(kind: .protocolViolation,
                             detail: "\(provider.name) offers no device sign-in for these scopes: sign in with the browser instead",
                             endpoint: OAuthError.place(provider.authorizationEndpoint))
        }
        var fields = [("client_id", client.id), ("scope", scopes.joined(separator: " "))]
        if let secret = client.secret { fields.append(("client_secret", secret)) }
        let endpoint = OAuthError.place(url)
        let response = try http.postForm(url, fields: fields, basic: nil)
        return try DeviceAuthorization(fields: EndpointAnswer.json(response, endpoint: endpoint), endpoint: endpoint)
    }

    /// Polls every `interval` s; slow_down adds 5 s to the interval (RFC 8628 §3.5) and calls
    /// onSlowDown(newInterval); authorization_pending keeps polling; access_denied, expired_token and
    /// other errors throw; past expiresIn -> .timedOut; isCancelled is checked about every 100 ms ->
    /// .cancelled. Time is counted from the sleeps, so an injected `sleep` drives it in tests.
    public func poll(_ authorization: DeviceAuthorization, isCancelled: @escaping () -> Bool,
                     onSlowDown: (Int) -> Void = { _ in },
                     sleep: (TimeInterval) -> Void = { Thread.sleep(forTimeInterval: $0) }) throws(OAuthError) -> TokenResponse {
        let tokens = TokenEndpoint(provider: provider, client: client, http: http)
        let endpoint = OAuthError.place(provider.tokenEndpoint)
        var interval = max(1, authorization.interval)
        var elapsed: TimeInterval = 0
        while true {
            // Tenths of a second, so Ctrl-C is noticed quickly; counted nominally, not summed.
            for _ in 0..<(interval * 10) {
                if isCancelled() { throw OAuthError(kind: .cancelled, endpoint: endpoint) }
                sleep(0.1)
            }
            if isCancelled() { throw OAuthError(kind: .cancelled, endpoint: endpoint) }
            elapsed += TimeInterval(interval)
            if elapsed >= TimeInterval(authorization.expiresIn) {
                throw OAuthError(kind: .timedOut, detail: "the code \(authorization.userCode) expired after \(authorization.expiresIn) s",
                                 endpoint: endpoint)
            }
            do {
                return try tokens.deviceToken(deviceCode: authorization.deviceCode)
            } catch where error.kind == .server && error.code == "authorization_pending" {
                continue
            } catch where error.kind == .server && error.code == "slow_down" {
                interval += 5
                onSlowDown(interval)
            }
        }
    }
}
