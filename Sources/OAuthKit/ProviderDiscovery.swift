import Foundation

/// RFC 8414 discovery for servers that are neither Microsoft nor Google.
extension OAuthProvider {
    /// RFC 8414: GET {issuer}/.well-known/oauth-authorization-server (for an issuer with a path,
    /// the well-known part goes between host and path, §3.1), falling back to OpenID Connect's
    /// {issuer}/.well-known/openid-configuration. Generic scopes: smtp/imap plus offline_access,
    /// app-only "smtp" — the fields are mutable, so a caller overrides them when the server differs.
    public static func discover(issuer: URL, http: HTTPClient) throws(OAuthError) -> OAuthProvider {
        var lastFailure: OAuthError?
        for url in discoveryURLs(issuer) {
            let response = try http.get(url)
            let place = OAuthError.place(url)
            guard (200..<300).contains(response.status) else {
                lastFailure = OAuthError(kind: .protocolViolation, httpStatus: response.status,
                                         detail: "no authorization server metadata here", endpoint: place)
                continue
            }
            return try provider(issuer: issuer, metadata: response.body, endpoint: place)
        }
        throw lastFailure ?? OAuthError(kind: .protocolViolation, detail: "no metadata URL for this issuer",
                                        endpoint: OAuthError.place(issuer))
    }

    static func discoveryURLs(_ issuer: URL) -> [URL] {
        guard var parts = URLComponents(url: issuer, resolvingAgainstBaseURL: false) else { return [] }
        parts.query = nil
        parts.fragment = nil
        var path = parts.path
        while path.hasSuffix("/") { path.removeLast() }
        var urls: [URL] = []
        for candidate in ["/.well-known/oauth-authorization-server" + path, path + "/.well-known/openid-configuration",
                          path + "/.well-known/oauth-authorization-server"] {
            parts.path = candidate
            if let url = parts.url, !urls.contains(url) { urls.append(url) }
        }
        return urls
    }

    static func provider(issuer: URL, metadata: Data, endpoint: String) throws(OAuthError) -> OAuthProvider {
        guard let object = try? JSONSerialization.jsonObject(with: metadata), let json = object as? [String: Any] else {
            throw OAuthError(kind: .protocolViolation, detail: "the metadata is not a JSON object", endpoint: endpoint)
        }
        func url(_ key: String) throws(OAuthError) -> URL? {
            guard let value = json[key] else { return nil }
            guard let text = value as? String, let url = URL(string: text), url.scheme != nil else {
                throw OAuthError(kind: .protocolViolation, detail: "\(key) is not a URL", endpoint: endpoint)
            }
            return url
        }
        // RFC 8414 §3.3: the issuer in the document must be the one asked for (a placeholder such as
        // Microsoft's "{tenantid}" is let through: such documents serve many tenants).
        if let stated = json["issuer"] as? String, !stated.contains("{"),
           trimmed(stated) != trimmed(issuer.absoluteString) {
            throw OAuthError(kind: .protocolViolation, detail: "the metadata names issuer \(stated), not \(issuer.absoluteString)",
                             endpoint: endpoint)
        }
        guard let authorization = try url("authorization_endpoint"), let token = try url("token_endpoint") else {
            throw OAuthError(kind: .protocolViolation, detail: "the metadata lacks authorization_endpoint or token_endpoint",
                             endpoint: endpoint)
        }
        return OAuthProvider(
            kind: .generic, name: "the OAuth server at \(issuer.absoluteString)",
            authorizationEndpoint: authorization, tokenEndpoint: token,
            deviceAuthorizationEndpoint: try url("device_authorization_endpoint"),
            revocationEndpoint: try url("revocation_endpoint"),
            smtpScopes: ["smtp", "offline_access"], imapScopes: ["imap", "offline_access"], appOnlyScope: "smtp")
    }

    private static func trimmed(_ text: String) -> String {
        var text = text
        while text.hasSuffix("/") { text.removeLast() }
        return text
    }
}
