import Foundation

/// Why an OAuth exchange failed, in terms a caller can act on: `kind` says which side failed,
/// `code` carries the RFC 6749 §5.2 / RFC 8628 §3.5 error so flows can branch on it (`slow_down`,
/// `authorization_pending`), and `needsSignIn` tells a scheduled job that only a person can fix it.
/// No field ever holds a token, code, verifier or client secret, so `description` is safe to log.
public struct OAuthError: Error, Sendable, CustomStringConvertible, Equatable {
    public enum Kind: String, Sendable {
        /// The endpoint answered with an RFC 6749 §5.2 error.
        case server
        /// Could not connect, timed out, TLS failed, or the URL was refused (plain http to a remote host).
        case transport
        /// The answer was unreadable, or the redirect did not match (state mismatch).
        case protocolViolation
        /// The user (Ctrl-C) or the caller stopped the flow.
        case cancelled
        /// Nobody completed the sign-in in time.
        case timedOut
    }

    public var kind: Kind
    /// `invalid_grant`, `access_denied`, `slow_down`, `authorization_pending`, `expired_token`…
    public var code: String?
    /// The server's `error_description` (Microsoft's starts with "AADSTS700082: …").
    public var errorDescription: String?
    /// Microsoft's AADSTS codes ("AADSTS700082"), from `error_codes` or the description; else empty.
    public var providerCodes: [String]
    public var httpStatus: Int?
    /// What went wrong, for transport and protocol errors.
    public var detail: String?
    /// Which URL (without its query) was talking.
    public var endpoint: String

    public init(kind: Kind, code: String? = nil, errorDescription: String? = nil, providerCodes: [String] = [],
                httpStatus: Int? = nil, detail: String? = nil, endpoint: String) {
        self.kind = kind
        self.code = code
        self.errorDescription = errorDescription
        self.providerCodes = providerCodes
        self.httpStatus = httpStatus
        self.detail = detail
        self.endpoint = endpoint
    }

    /// Codes after which refreshing again cannot help: the grant is dead or the user must interact.
    public static let signInCodes: Set<String> = ["invalid_grant", "interaction_required", "consent_required", "login_required"]

    /// True when only a new interactive sign-in can fix this (the refresh token expired or was revoked).
    public var needsSignIn: Bool {
        guard let code else { return false }
        return Self.signInCodes.contains(code)
    }

    public var description: String {
        let place = Self.named(endpoint)
        switch kind {
        case .server where detail != nil:
            // A recorded failure replayed (TokenStore): the detail says so, the description is the old one.
            return Self.oneLine(detail ?? "") + ": " + Self.oneLine(errorDescription ?? code ?? "an error")
        case .server:
            var text = "\(place) answered \(code ?? "an error")"
            if let errorDescription, !errorDescription.isEmpty {
                text += ": " + Self.oneLine(errorDescription)
            } else if !providerCodes.isEmpty {
                text += " (" + providerCodes.joined(separator: ", ") + ")"
            }
            if let httpStatus { text += " (HTTP \(httpStatus))" }
            return text
        case .transport:
            return "cannot talk to \(place): \(Self.oneLine(detail ?? "unknown transport failure"))"
        case .protocolViolation:
            var text = "unexpected answer from \(place): \(Self.oneLine(detail ?? "unreadable response"))"
            if let httpStatus { text += " (HTTP \(httpStatus))" }
            return text
        case .cancelled:
            return "the sign-in with \(place) was cancelled" + (detail.map { ": " + Self.oneLine($0) } ?? "")
        case .timedOut:
            return "nobody completed the sign-in with \(place) in time" + (detail.map { ": " + Self.oneLine($0) } ?? "")
        }
    }

    /// Server descriptions carry "\r\nTrace ID: …" lines (Microsoft); the description stays one line.
    static func oneLine(_ text: String) -> String {
        // isNewline, not == "\n": "\r\n" is one Character, equal to neither.
        text.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
            .joined(separator: " ")
    }

    /// "the token endpoint https://…": says which of the provider's endpoints spoke, from its path.
    static func named(_ endpoint: String) -> String {
        guard !endpoint.isEmpty else { return "the OAuth server" }
        let path = (URL(string: endpoint)?.path ?? "").lowercased()
        let role: String
        if path.hasSuffix("/token") { role = "the token endpoint" }
        else if path.hasSuffix("/devicecode") || path.hasSuffix("/device/code") || path.hasSuffix("/device_authorization") {
            role = "the device authorization endpoint"
        } else if path.hasSuffix("/revoke") { role = "the revocation endpoint" }
        else if path.contains("/.well-known/") { role = "the discovery document" }
        else if path.hasSuffix("/authorize") || path.hasSuffix("/auth") { role = "the authorization endpoint" }
        else { role = "the OAuth server" }
        return role + " " + endpoint
    }

    /// A URL as it may be shown: scheme, host, port and path, never the query (it can hold a code).
    static func place(_ url: URL) -> String {
        guard var parts = URLComponents(url: url, resolvingAgainstBaseURL: false) else { return "the OAuth server" }
        parts.query = nil
        parts.fragment = nil
        parts.user = nil
        parts.password = nil
        return parts.string ?? "the OAuth server"
    }
}
