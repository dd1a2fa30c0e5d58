import Foundation

/// RFC 7009 revocation, for signing an account out at providers that offer it (Google does;
/// Microsoft has no revocation endpoint — its refresh tokens are revoked per user in Entra ID).
extension TokenEndpoint {
    /// Revokes `token` (a refresh token revokes the whole grant at Google). Returns false when the
    /// provider has no revocation endpoint. A token the server no longer knows counts as revoked
    /// (RFC 7009 §2.2 answers 200; Google answers 400 invalid_token).
    public func revoke(_ token: String, hint: String? = "refresh_token") throws(OAuthError) -> Bool {
        guard let url = provider.revocationEndpoint else { return false }
        var fields = [("token", token)]
        if let hint { fields.append(("token_type_hint", hint)) }
        let response = try http.postForm(url, fields: fields + clientFields, basic: nil)
        if (200..<300).contains(response.status) { return true }
        do {
            _ = try EndpointAnswer.json(response, endpoint: OAuthError.place(url))
            return true
        } catch where error.kind == .server && error.code == "invalid_token" {
            return true
        }
    }
}
