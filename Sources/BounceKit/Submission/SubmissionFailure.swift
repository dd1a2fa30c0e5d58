/// What the sender observed when a submission to the configured SMTP server failed: where in the
/// session (RFC 5321 §4.1, RFC 3207, RFC 4954), the server's reply if it gave one, or the local
/// error otherwise. Input of `SubmissionDiagnoser`.
public struct SubmissionFailure: Sendable {
    /// The step of the SMTP session that failed.
    public enum Stage: String, Sendable {
        case connect, tls, greeting, ehlo, starttls, auth, mail, rcpt, data
    }

    /// What went wrong, as the client saw it.
    public enum Kind: String, Sendable {
        /// The connection was refused (nothing listening, or a firewall).
        case refused
        /// No answer in time (connecting or waiting for a reply).
        case timedOut
        /// The connection dropped mid-session.
        case connectionLost
        /// The TLS handshake failed (often a port/TLS-mode mismatch).
        case tlsHandshake
        /// The server's certificate was not trusted or did not name the host.
        case certificate
        /// STARTTLS was required by the settings but the server did not offer it.
        case startTLSMissing
        /// The server replied with an error (`replyCode`, `enhancedStatus`, `replyText`).
        case reply
        /// The server offers no AUTH, or not the mechanism the settings ask for.
        case authUnavailable
        /// On an unencrypted connection the server offers STARTTLS but no AUTH: it signs in only
        /// over TLS (RFC 3207 §4; Postfix's smtpd_tls_auth_only).
        case authOnlyOverTLS
        /// No access token could be had before signing in: the OAuth token endpoint refused to renew
        /// it (`tokenError`, `providerCodes`) or could not be reached (`detail`). Nothing was sent
        /// to the SMTP server's AUTH.
        case tokenRefresh
        /// The password or token could not be read from where the profile says it is
        /// (`secretSource`: a missing file, an unset variable, a failing command), so nothing was
        /// sent to the server's AUTH; `detail` says why, never the secret.
        case secretUnavailable
    }

    public var stage: Stage
    public var serverHost: String
    public var replyCode: Int?
    public var enhancedStatus: String?
    public var replyText: String?
    /// Local error text (refused, timed out, certificate problem …).
    public var detail: String?
    public var kind: Kind
    /// From the decoded XOAUTH2/OAUTHBEARER error challenge (RFC 7628 §3.2.2), if there was one.
    public var oauth2Status: String?
    public var oauth2Scope: String?
    /// The decoded challenge JSON, as the server sent it.
    public var oauth2Decoded: String?
    /// The SASL mechanism tried (PLAIN, LOGIN, XOAUTH2, …).
    public var mechanism: String?
    /// The recipient refused, for RCPT failures.
    public var recipient: String?
    /// For `tokenRefresh`: the signed-in account, its provider's name, the token endpoint's error
    /// code (RFC 6749 §5.2: `invalid_grant`, `invalid_client`, …) and the provider's own codes
    /// (Microsoft's `AADSTS700082`, …).
    public var account: String?
    public var providerName: String?
    public var tokenError: String?
    public var providerCodes: [String] = []
    /// For `secretUnavailable`: where the secret was to be read (`file:PATH`, `env:NAME`,
    /// `command:CMD`), never the secret.
    public var secretSource: String?
    /// Whether the session signed in (sent AUTH) before the failure. A relay or "authentication
    /// required" refusal of a session that never signed in is the profile's missing login, not the
    /// recipient's address.
    public var signedIn = true

    public init(stage: Stage, serverHost: String, kind: Kind, replyCode: Int? = nil, enhancedStatus: String? = nil,
                replyText: String? = nil, detail: String? = nil, oauth2Status: String? = nil, oauth2Scope: String? = nil,
                oauth2Decoded: String? = nil, mechanism: String? = nil, recipient: String? = nil) {
        self.stage = stage
        self.serverHost = serverHost
        self.kind = kind
        self.replyCode = replyCode
        self.enhancedStatus = enhancedStatus
        self.replyText = replyText
        self.detail = detail
        self.oauth2Status = oauth2Status
        self.oauth2Scope = oauth2Scope
        self.oauth2Decoded = oauth2Decoded
        self.mechanism = mechanism
        self.recipient = recipient
    }
}
