/// The application registered with the provider. The secret is optional because public clients
/// (Microsoft desktop apps) have none, but Google issues one even to desktop apps and insists on it.
public struct OAuthClient: Sendable, Equatable {
    public var id: String
    /// Sent as `client_secret` in the form body when present; never printed.
    public var secret: String?

    public init(id: String, secret: String? = nil) {
        self.id = id
        self.secret = secret
    }
}

extension OAuthClient: CustomStringConvertible {
    /// Names the client id only, so logging a client never leaks its secret.
    public var description: String {
        "OAuthClient(id: \(id)\(secret == nil ? "" : ", secret: <redacted>"))"
    }
}
