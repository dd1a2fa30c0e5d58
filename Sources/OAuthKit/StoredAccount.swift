import Foundation

/// One signed-in account as kept on disk (JSON): everything a later, unattended run needs to get
/// an access token — where to refresh, as which client, with which grant and scopes — and what
/// happened last, so `events` can tell the user that a sign-in is needed before mail fails.
/// The client secret is never stored here, only where to find it.
public struct StoredAccount: Codable, Sendable, Equatable {
    public enum Grant: String, Codable, Sendable {
        case refreshToken = "refresh_token", clientCredentials = "client_credentials"
    }

    /// The account's name in the store (the ERP user code, or a mailbox name).
    public var name: String
    public var provider: OAuthProvider.Kind
    /// "Microsoft 365"
    public var providerName: String
    public var tokenEndpoint: URL
    public var revocationEndpoint: URL?
    public var clientID: String
    /// WHERE the client secret is (file:/env:/command:), never the secret; resolved by the caller.
    public var clientSecretSource: String?
    public var grant: Grant
    /// Requested on refresh / client credentials.
    public var scopes: [String]
    public var grantedScopes: String?
    /// The mailbox signed in (from the id_token or given).
    public var username: String?
    public var refreshToken: String?
    public var accessToken: String?
    public var accessTokenExpiresAt: Date?
    /// When the cached access token stops being handed out: expiresAt - min(300 s, lifetime/5).
    public var refreshAfter: Date?
    public var signedInAt: Date
    public var lastRefreshAt: Date?
    public var refreshCount: Int
    /// The last failed refresh's OAuthError.description (no secrets), nil after a success.
    public var lastError: String?
    public var lastErrorAt: Date?
    /// Set when a refresh answered invalid_grant (needsSignIn); cleared by a new sign-in.
    public var needsSignIn: Bool

    public init(name: String, provider: OAuthProvider.Kind, providerName: String, tokenEndpoint: URL,
                revocationEndpoint: URL? = nil, clientID: String, clientSecretSource: String? = nil, grant: Grant,
                scopes: [String], grantedScopes: String? = nil, username: String? = nil, refreshToken: String? = nil,
                accessToken: String? = nil, accessTokenExpiresAt: Date? = nil, refreshAfter: Date? = nil, signedInAt: Date,
                lastRefreshAt: Date? = nil, refreshCount: Int = 0, lastError: String? = nil, lastErrorAt: Date? = nil,
                needsSignIn: Bool = false) {
        self.name = name
        self.provider = provider
        self.providerName = providerName
        self.tokenEndpoint = tokenEndpoint
        self.revocationEndpoint = revocationEndpoint
        self.clientID = clientID
        self.clientSecretSource = clientSecretSource
        self.grant = grant
        self.scopes = scopes
        self.grantedScopes = grantedScopes
        self.username = username
        self.refreshToken = refreshToken
        self.accessToken = accessToken
        self.accessTokenExpiresAt = accessTokenExpiresAt
        self.refreshAfter = refreshAfter
        self.signedInAt = signedInAt
        self.lastRefreshAt = lastRefreshAt
        self.refreshCount = refreshCount
        self.lastError = lastError
        self.lastErrorAt = lastErrorAt
        self.needsSignIn = needsSignIn
    }

    /// The account right after a sign-in (or the first client credentials token) at `now`:
    /// the username is the one given, else the id_token's.
    public init(name: String, provider: OAuthProvider, client: OAuthClient, clientSecretSource: String?, grant: Grant,
                scopes: [String], response: TokenResponse, username: String?, now: Date) {
        self.init(name: name, provider: provider.kind, providerName: provider.name, tokenEndpoint: provider.tokenEndpoint,
                  revocationEndpoint: provider.revocationEndpoint, clientID: client.id,
                  clientSecretSource: clientSecretSource, grant: grant, scopes: scopes,
                  username: username ?? response.accountName, signedInAt: now)
        self = applying(response, now: now)
    }

    /// Builds the new state after a successful token response at `now` (keeps the old refresh token when none is returned).
    public func updated(with response: TokenResponse, now: Date) -> StoredAccount {
        var account = applying(response, now: now)
        account.lastRefreshAt = now
        account.refreshCount += 1
        return account
    }

    /// The token fields from `response`; a success clears the recorded error and the sign-in flag.
    private func applying(_ response: TokenResponse, now: Date) -> StoredAccount {
        var account = self
        account.accessToken = response.accessToken
        account.refreshToken = response.refreshToken ?? refreshToken
        account.grantedScopes = response.scope ?? grantedScopes
        if account.username == nil { account.username = response.accountName }
        if let lifetime = response.expiresIn {
            let expiresAt = now.addingTimeInterval(TimeInterval(lifetime))
            account.accessTokenExpiresAt = expiresAt
            account.refreshAfter = expiresAt.addingTimeInterval(-min(300, TimeInterval(lifetime) / 5))
        } else {
            // No stated lifetime: the token is not cached (refreshAfter nil means refresh every time).
            account.accessTokenExpiresAt = nil
            account.refreshAfter = nil
        }
        account.lastError = nil
        account.lastErrorAt = nil
        account.needsSignIn = false
        return account
    }

    /// True when the cached access token may still be handed out at `now`.
    public func hasFreshAccessToken(at now: Date) -> Bool {
        guard accessToken != nil, let refreshAfter else { return false }
        return now < refreshAfter
    }
}

extension StoredAccount: CustomStringConvertible {
    /// Names the account and its state, never a token.
    public var description: String {
        var text = "\(name) (\(providerName), \(grant.rawValue)"
        if let username { text += ", \(username)" }
        if needsSignIn { text += ", needs sign-in" }
        return text + ")"
    }
}
