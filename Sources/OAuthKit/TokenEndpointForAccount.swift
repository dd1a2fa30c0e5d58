import Foundation

/// A token endpoint for a stored account, for the refreshes `TokenStore` runs unattended: the
/// account keeps its token and revocation endpoints, so no provider needs rebuilding from settings.
extension TokenEndpoint {
    /// The provider is rebuilt from the account: kind, name, token and revocation endpoints, scopes.
    /// Its authorization endpoint is not stored, and refreshes never use it: it is set to the token
    /// endpoint, so errors still name a real URL of the provider.
    public init(account: StoredAccount, client: OAuthClient, http: HTTPClient) {
        let provider = OAuthProvider(kind: account.provider, name: account.providerName,
                                     authorizationEndpoint: account.tokenEndpoint, tokenEndpoint: account.tokenEndpoint,
                                     revocationEndpoint: account.revocationEndpoint,
                                     smtpScopes: account.scopes, imapScopes: account.scopes,
                                     appOnlyScope: account.grant == .clientCredentials ? account.scopes.joined(separator: " ") : nil)
        self.init(provider: provider, client: client, http: http)
    }
}
