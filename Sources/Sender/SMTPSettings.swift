import EventStore
import Foundation
import MailCore

/// One user's SMTP settings as the ERP has them, in typed form: server, port, TLS, the login (a
/// blank user name means no AUTH) and where its secret comes from, the sender mode and the user's
/// own address. Without a server, the settings only give the address and may override the mail
/// sending user's login. The stored form is `SMTPProfileRecord`.
public struct SMTPSettings: Sendable, Equatable {
    /// Where to submit: host, port and TLS mode.
    public struct Server: Sendable, Equatable, CustomStringConvertible {
        public var host: String
        public var port: Int
        public var tls: TLSMode

        public init(host: String, port: Int, tls: TLSMode) {
            self.host = host
            self.port = port
            self.tls = tls
        }

        /// `host:port tls`.
        public var description: String {
            (host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)") + " \(tls.rawValue)"
        }
    }

    /// `none`, `ssl` (implicit TLS) or `starttls`: the SMTP client's own modes, stored by name.
    public typealias TLSMode = SMTPConnection.Security

    public enum AuthKind: String, Sendable, CaseIterable {
        /// A password or an app password (AUTH PLAIN or LOGIN).
        case password
        /// An OAuth2 access token (AUTH XOAUTH2).
        case oauth2
    }

    public enum SenderMode: String, Sendable, CaseIterable {
        /// From is the user's own address.
        case own
        /// From is the company's event address, Reply-To the user's own: bounces come back to the
        /// event mailbox and receivers enforcing SPF accept the mail.
        case replyTo = "reply-to"
    }

    public var userCode: String
    /// nil: the mail sending user's.
    public var server: Server?
    /// Empty: no AUTH.
    public var username: String
    public var auth: AuthKind
    public var secret: SecretSource?
    public var senderMode: SenderMode
    public var address: String
    public var displayName: String?
    public var preset: String?
    /// For OAuth2 logins: whom `events config smtp login` signs in with.
    public var oauth: OAuthClientSettings

    public init(userCode: String, server: Server?, username: String = "",
                auth: AuthKind = .password, secret: SecretSource? = nil, senderMode: SenderMode = .replyTo,
                address: String, displayName: String? = nil, preset: String? = nil,
                oauth: OAuthClientSettings = OAuthClientSettings()) {
        self.userCode = userCode
        self.server = server
        self.username = username
        self.auth = auth
        self.secret = secret
        self.senderMode = senderMode
        self.address = address
        self.displayName = displayName
        self.preset = preset
        self.oauth = oauth
    }

    /// Reads a stored profile; a value the database's CHECKs let through but this version does not
    /// know is reported, not guessed.
    public init(_ record: SMTPProfileRecord) throws(ProfileError) {
        guard let auth = AuthKind(rawValue: record.auth), let mode = SenderMode(rawValue: record.senderMode) else {
            throw ProfileError.unreadable(user: record.userCode)
        }
        var server: Server?
        if let host = record.host {
            guard let port = record.port, let tls = record.tls.flatMap(TLSMode.init) else {
                throw ProfileError.unreadable(user: record.userCode)
            }
            server = Server(host: host, port: port, tls: tls)
        }
        let secret: SecretSource?, clientSecret: SecretSource?
        do throws(SecretError) {
            secret = try record.secretSource.map(SecretSource.init)
            clientSecret = try record.oauthClientSecret.map(SecretSource.init)
        } catch {
            throw ProfileError.unreadable(user: record.userCode)
        }
        self.init(userCode: record.userCode, server: server, username: record.username,
                  auth: auth, secret: secret, senderMode: mode, address: record.address,
                  displayName: record.displayName, preset: record.preset,
                  oauth: OAuthClientSettings(provider: record.oauthProvider, tenant: record.oauthTenant,
                                             clientID: record.oauthClientID, clientSecret: clientSecret))
    }

    /// The stored form, as a profile of `company` (nil: a database with no company).
    public func record(company: Int64? = nil, updatedAt: Date) -> SMTPProfileRecord {
        SMTPProfileRecord(userCode: userCode, host: server?.host, port: server?.port, tls: server?.tls.rawValue,
                          username: username,
                          auth: auth.rawValue, secretSource: secret?.description, senderMode: senderMode.rawValue,
                          address: address, displayName: displayName, preset: preset,
                          oauthProvider: oauth.provider, oauthTenant: oauth.tenant, oauthClientID: oauth.clientID,
                          oauthClientSecret: oauth.clientSecret?.description, companyID: company, updatedAt: updatedAt)
    }

    /// Problems that make the settings unusable for sending, each saying what to change.
    public var problems: [String] {
        var problems: [String] = []
        if let server {
            if server.host.isEmpty { problems.append("no server host (--host)") }
            if !(1...65535).contains(server.port) { problems.append("port \(server.port) is not a TCP port (--port)") }
        } else {
            problems.append("no server (--host, --port, --tls or --preset)")
        }
        if !username.isEmpty && secret == nil {
            problems.append(auth == .oauth2
                ? Self.notSignedIn(userCode)
                : Self.noSecret(userCode, username: username))
        }
        if auth == .password, case .account? = secret {
            problems.append("--secret oauth:… gives OAuth2 tokens: set --auth oauth2")
        }
        if username.isEmpty && auth == .oauth2 { problems.append("OAuth2 needs the mailbox's user name (--username)") }
        if !Self.isAddress(address) { problems.append("'\(address)' is not an e-mail address (--address)") }
        return problems
    }

    /// The problem of an OAuth2 profile with no token source yet.
    public static func notSignedIn(_ user: String) -> String {
        "not signed in: run `events config smtp login \(user)` (or give a token's source with "
            + "`events config smtp set \(user) --secret file:PATH|env:NAME|command:CMD`)"
    }

    /// The problem of a password login with nowhere to read the password from: the options that exist.
    public static func noSecret(_ user: String, username: String) -> String {
        "user name \(username) but no secret: give where to read it with `events config smtp set \(user) "
            + "--secret file:PATH|env:NAME|command:CMD`, or sign in with OAuth2 (`--auth oauth2`, then "
            + "`events config smtp login \(user)`)"
    }

    /// One "@" between a non-empty local part and a dotted domain, with no spaces, brackets or line breaks.
    public static func isAddress(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".")
            && !text.contains(where: { $0 == " " || $0 == "<" || $0 == ">" || $0.isNewline })
    }
}

/// A profile that cannot be used, saying which and what to do.
public enum ProfileError: Error, Sendable, CustomStringConvertible {
    case noProfile(user: String, mailSendingUser: String?)
    case unreadable(user: String)
    case unusable(user: String, problems: [String])

    public var description: String {
        switch self {
        case .noProfile(let user, let base?):
            return "no SMTP profile for the mail sending user \(base) (the setting mail-sending-user names it), "
                + "needed by \(user): add one with `events config smtp set \(base) …`"
        case .noProfile(let user, nil):
            return "no SMTP profile for user \(user): add one with `events config smtp set \(user) …`, "
                + "or name a mail sending user with `events config set mail-sending-user CODE`"
        case .unreadable(let user):
            return "the SMTP profile of \(user) holds values this version does not know: set it again with `events config smtp set \(user) …`"
        case .unusable(let user, let problems):
            return "the SMTP profile for \(user) cannot be used: " + problems.joined(separator: "; ")
        }
    }
}
