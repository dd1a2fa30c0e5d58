import Foundation

/// A successful token endpoint answer (RFC 6749 §5.1). Its `description` names no token.
public struct TokenResponse: Sendable, Equatable, CustomStringConvertible {
    public var accessToken: String
    public var tokenType: String
    public var expiresIn: Int?
    /// nil when the server did not issue (or rotate) one.
    public var refreshToken: String?
    public var scope: String?
    public var idToken: String?

    public init(accessToken: String, tokenType: String = "Bearer", expiresIn: Int? = nil, refreshToken: String? = nil,
                scope: String? = nil, idToken: String? = nil) {
        self.accessToken = accessToken
        self.tokenType = tokenType
        self.expiresIn = expiresIn
        self.refreshToken = refreshToken
        self.scope = scope
        self.idToken = idToken
    }

    /// Parses a §5.1 body. `expires_in` is accepted as a number or a numeric string (some servers
    /// quote it); a missing `token_type` is taken as Bearer, the only type XOAUTH2 uses.
    public init(json: Data, endpoint: String) throws(OAuthError) {
        guard let object = try? JSONSerialization.jsonObject(with: json), let fields = object as? [String: Any] else {
            throw OAuthError(kind: .protocolViolation, detail: "the token response is not a JSON object", endpoint: endpoint)
        }
        guard let access = fields["access_token"] as? String, !access.isEmpty else {
            throw OAuthError(kind: .protocolViolation, detail: "the token response has no access_token", endpoint: endpoint)
        }
        accessToken = access
        tokenType = fields["token_type"] as? String ?? "Bearer"
        expiresIn = JSONField.integer(fields["expires_in"])
        refreshToken = (fields["refresh_token"] as? String).flatMap { $0.isEmpty ? nil : $0 }
        scope = fields["scope"] as? String
        idToken = fields["id_token"] as? String
    }

    /// preferred_username, email or upn from the id_token's payload (decoded, not verified: only
    /// shown to the user and kept as the account's mailbox name), else nil.
    public var accountName: String? {
        guard let idToken else { return nil }
        let parts = idToken.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 2, let payload = Base64URL.decode(String(parts[1])),
              let object = try? JSONSerialization.jsonObject(with: payload), let claims = object as? [String: Any]
        else { return nil }
        for claim in ["preferred_username", "email", "upn"] {
            if let value = claims[claim] as? String, !value.isEmpty { return value }
        }
        return nil
    }

    public var description: String {
        var text = "TokenResponse(\(tokenType) access token"
        if let expiresIn { text += ", expires in \(expiresIn) s" }
        text += refreshToken == nil ? ", no refresh token" : ", with a refresh token"
        if let scope { text += ", scope \(scope)" }
        if let accountName { text += ", account \(accountName)" }
        return text + ")"
    }
}
