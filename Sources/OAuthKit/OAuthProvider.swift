import Foundation

/// Where a provider's endpoints are and which scopes give SMTP and IMAP access, so the CLI can
/// say "microsoft" or "google" instead of asking for URLs. Generic servers come from RFC 8414
/// discovery. All fields are public and mutable so a caller can override scopes or endpoints.
public struct OAuthProvider: Sendable, Equatable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case microsoft, google, generic
    }

    public var kind: Kind
    /// For messages: "Microsoft 365", "Google", or "the OAuth server at <issuer>".
    public var name: String
    public var authorizationEndpoint: URL
    public var tokenEndpoint: URL
    /// nil: no device flow (Google's device endpoint rejects https://mail.google.com/).
    public var deviceAuthorizationEndpoint: URL?
    public var revocationEndpoint: URL?
    public var smtpScopes: [String]
    public var imapScopes: [String]
    /// The scope for the client credentials grant (app-only access), when the provider has one.
    public var appOnlyScope: String?
    /// Added to the authorization URL, e.g. Google's access_type=offline and prompt=consent,
    /// without which Google returns no refresh token (or only on the very first consent).
    public var extraAuthorizationParameters: [(String, String)]
    /// OpenID Connect scopes that make the token endpoint return an id_token naming the mailbox
    /// (TokenResponse.accountName). Not part of smtpScopes/imapScopes: a caller adds them when it wants
    /// the name (the mail scopes alone return no id_token at Microsoft or Google).
    public var identityScopes: [String]

    public init(kind: Kind, name: String, authorizationEndpoint: URL, tokenEndpoint: URL,
                deviceAuthorizationEndpoint: URL? = nil, revocationEndpoint: URL? = nil,
                smtpScopes: [String], imapScopes: [String], appOnlyScope: String? = nil,
                extraAuthorizationParameters: [(String, String)] = [], identityScopes: [String] = ["openid"]) {
        self.kind = kind
        self.name = name
        self.authorizationEndpoint = authorizationEndpoint
        self.tokenEndpoint = tokenEndpoint
        self.deviceAuthorizationEndpoint = deviceAuthorizationEndpoint
        self.revocationEndpoint = revocationEndpoint
        self.smtpScopes = smtpScopes
        self.imapScopes = imapScopes
        self.appOnlyScope = appOnlyScope
        self.extraAuthorizationParameters = extraAuthorizationParameters
        self.identityScopes = identityScopes
    }

    /// Microsoft identity platform v2.0. `tenant` is "organizations" (work and school accounts),
    /// "common", "consumers", a tenant id or a domain. Microsoft has no RFC 7009 revocation endpoint.
    /// offline_access is what makes the token endpoint return a refresh token.
    public static func microsoft(tenant: String = "organizations") -> OAuthProvider {
        let base = "https://login.microsoftonline.com/" + FormEncoding.escape(tenant) + "/oauth2/v2.0/"
        return OAuthProvider(
            kind: .microsoft, name: "Microsoft 365",
            authorizationEndpoint: URL(string: base + "authorize")!,
            tokenEndpoint: URL(string: base + "token")!,
            deviceAuthorizationEndpoint: URL(string: base + "devicecode")!,
            revocationEndpoint: nil,
            smtpScopes: ["https://outlook.office.com/SMTP.Send", "offline_access"],
            imapScopes: ["https://outlook.office.com/IMAP.AccessAsUser.All", "offline_access"],
            appOnlyScope: "https://outlook.office365.com/.default",
            identityScopes: ["openid", "profile"])
    }

    /// Google: installed-app flow with a loopback redirect and PKCE; mail needs the full
    /// https://mail.google.com/ scope, which the device flow does not allow. No app-only grant
    /// (Google's service accounts use signed JWT assertions, not client credentials).
    public static let google = OAuthProvider(
        kind: .google, name: "Google",
        authorizationEndpoint: URL(string: "https://accounts.google.com/o/oauth2/v2/auth")!,
        tokenEndpoint: URL(string: "https://oauth2.googleapis.com/token")!,
        deviceAuthorizationEndpoint: nil,
        revocationEndpoint: URL(string: "https://oauth2.googleapis.com/revoke")!,
        smtpScopes: ["https://mail.google.com/"],
        imapScopes: ["https://mail.google.com/"],
        appOnlyScope: nil,
        extraAuthorizationParameters: [("access_type", "offline"), ("prompt", "consent")],
        identityScopes: ["openid", "email"])

    public static func == (lhs: OAuthProvider, rhs: OAuthProvider) -> Bool {
        lhs.kind == rhs.kind && lhs.name == rhs.name
            && lhs.authorizationEndpoint == rhs.authorizationEndpoint && lhs.tokenEndpoint == rhs.tokenEndpoint
            && lhs.deviceAuthorizationEndpoint == rhs.deviceAuthorizationEndpoint
            && lhs.revocationEndpoint == rhs.revocationEndpoint
            && lhs.smtpScopes == rhs.smtpScopes && lhs.imapScopes == rhs.imapScopes && lhs.appOnlyScope == rhs.appOnlyScope
            && lhs.identityScopes == rhs.identityScopes
            && lhs.extraAuthorizationParameters.map(\.0) == rhs.extraAuthorizationParameters.map(\.0)
            && lhs.extraAuthorizationParameters.map(\.1) == rhs.extraAuthorizationParameters.map(\.1)
    }
}
