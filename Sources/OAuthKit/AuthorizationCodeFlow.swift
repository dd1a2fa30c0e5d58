import Foundation

/// The browser sign-in: authorization code grant with PKCE (RFC 7636) and a loopback redirect
/// (RFC 8252 §7.3), the flow both Microsoft and Google recommend for desktop and command-line apps.
/// `start` binds the listener and builds the URL to open; `finish` waits for the redirect.
public struct AuthorizationCodeFlow: Sendable {
    public let provider: OAuthProvider
    public let client: OAuthClient
    public let scopes: [String]
    /// Pre-fills the account in the provider's sign-in page.
    public let loginHint: String?
    public let http: HTTPClient
    /// The host in the redirect URI. The listener is always on 127.0.0.1 (RFC 8252 §8.3 prefers the
    /// literal); "localhost" is for app registrations that list only http://localhost (Microsoft
    /// ignores the port of a localhost redirect URI), and browsers resolve it to 127.0.0.1 too.
    public var redirectHost = "127.0.0.1"

    public init(provider: OAuthProvider, client: OAuthClient, scopes: [String], loginHint: String?, http: HTTPClient) {
        self.provider = provider
        self.client = client
        self.scopes = scopes
        self.loginHint = loginHint
        self.http = http
    }

    /// A started sign-in: the URL for the browser, and (internally) the listener, verifier and state.
    public final class Pending: @unchecked Sendable {
        public let authorizationURL: URL
        /// http://127.0.0.1:PORT/ — what the provider redirects to and the token request repeats.
        public let redirectURI: String
        public let port: UInt16
        let listener: LoopbackRedirectListener
        let pkce: PKCE
        let state: String

        init(authorizationURL: URL, redirectURI: String, listener: LoopbackRedirectListener, pkce: PKCE, state: String) {
            self.authorizationURL = authorizationURL
            self.redirectURI = redirectURI
            self.port = listener.port
            self.listener = listener
            self.pkce = pkce
            self.state = state
        }
    }

    /// Binds a one-shot HTTP listener on 127.0.0.1 (port 0 = any free port), makes PKCE + a random state, returns the
    /// URL to open.
    public func start(port: UInt16 = 0) throws(OAuthError) -> Pending {
        let listener = try LoopbackRedirectListener(port: port)
        let pkce = PKCE.make()
        let state = RandomToken.make(bytes: 16)
        let redirectURI = "http://\(redirectHost):\(listener.port)/"
        var fields = [("response_type", "code"), ("client_id", client.id), ("redirect_uri", redirectURI),
                      ("scope", scopes.joined(separator: " ")), ("state", state),
                      ("code_challenge", pkce.challenge), ("code_challenge_method", PKCE.method)]
        if let loginHint, !loginHint.isEmpty { fields.append(("login_hint", loginHint)) }
        fields += provider.extraAuthorizationParameters
        let url = FormEncoding.url(provider.authorizationEndpoint, adding: fields)
        return Pending(authorizationURL: url, redirectURI: redirectURI, listener: listener, pkce: pkce, state: state)
    }

    /// Waits for the browser's redirect (GET /?code=&state= or ?error=), answers it with a small HTML page ("signed
    /// in, you can close this window" / the error), checks state, exchanges the code (PKCE verifier). Ignores other
    /// requests (e.g. /favicon.ico) with a 404 and keeps waiting. `isCancelled` is polled about every 100 ms
    /// (Ctrl-C); `timeout` seconds overall -> .timedOut. Closes the listener in all cases.
    public func finish(_ pending: Pending, timeout: TimeInterval, isCancelled: @escaping () -> Bool) throws(OAuthError) -> TokenResponse {
        defer { pending.listener.close() }
        let deadline = Date(timeIntervalSinceNow: timeout)
        let endpoint = OAuthError.place(provider.authorizationEndpoint)
        while true {
            let redirect = try pending.listener.next(path: "/", deadline: deadline, endpoint: endpoint, isCancelled: isCancelled)
            let query = redirect.query
            if query["code"] == nil && query["error"] == nil {
                // Someone opened the bare address: not the redirect; keep waiting for it.
                respond(pending, redirect.fd, status: 400, reason: "Bad Request", title: "Waiting for the sign-in",
                        text: "This address receives the answer of \(provider.name). Finish the sign-in in the other window.")
                continue
            }
            guard query["state"] == pending.state else {
                respond(pending, redirect.fd, status: 400, reason: "Bad Request", title: "Sign-in refused",
                        text: "The answer did not belong to this sign-in (state mismatch). Start the sign-in again.")
                throw OAuthError(kind: .protocolViolation, detail: "the redirect's state does not match this sign-in", endpoint: endpoint)
            }
            if let code = query["error"] {
                let error = OAuthError(kind: .server, code: code, errorDescription: query["error_description"],
                                       providerCodes: EndpointAnswer.providerCodes(nil, description: query["error_description"]),
                                       endpoint: endpoint)
                respond(pending, redirect.fd, status: 200, reason: "OK", title: "Sign-in failed", text: error.description)
                throw error
            }
            let tokens = TokenEndpoint(provider: provider, client: client, http: http)
            do {
                let response = try tokens.exchange(code: query["code"] ?? "", verifier: pending.pkce.verifier,
                                                   redirectURI: pending.redirectURI)
                let who = response.accountName.map { " as \($0)" } ?? ""
                respond(pending, redirect.fd, status: 200, reason: "OK", title: "Signed in",
                        text: "Signed in to \(provider.name)\(who). You can close this window.")
                return response
            } catch {
                respond(pending, redirect.fd, status: 200, reason: "OK", title: "Sign-in failed", text: error.description)
                throw error
            }
        }
    }

    private func respond(_ pending: Pending, _ fd: Int32, status: Int, reason: String, title: String, text: String) {
        let html = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>\(Self.escape(title))</title></head>"
            + "<body style=\"font-family: sans-serif; margin: 3em\"><h1>\(Self.escape(title))</h1><p>\(Self.escape(text))</p>"
            + "<p><small>events</small></p></body></html>"
        pending.listener.respond(fd, status: status, reason: reason, html: html)
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
