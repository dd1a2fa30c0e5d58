/// Whom a profile signs in with when its login is OAuth2: the provider (`microsoft`, `google`, or a
/// generic issuer's URL whose endpoints RFC 8414 discovery finds), Microsoft's tenant, the app
/// registration's client id, and where its client secret is. Each unset field falls back to the
/// provider's system setting (`microsoft-client-id`, …), then to what the preset implies.
public struct OAuthClientSettings: Sendable, Equatable {
    public var provider: String?
    public var tenant: String?
    public var clientID: String?
    public var clientSecret: SecretSource?

    public init(provider: String? = nil, tenant: String? = nil, clientID: String? = nil, clientSecret: SecretSource? = nil) {
        self.provider = provider
        self.tenant = tenant
        self.clientID = clientID
        self.clientSecret = clientSecret
    }

    public var isEmpty: Bool { provider == nil && tenant == nil && clientID == nil && clientSecret == nil }
}
