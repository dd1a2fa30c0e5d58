import ArgumentParser
import EventStore
import Foundation
import OAuthKit
import Sender

/// Whom an OAuth2 login signs in with, on the command line: a profile's fields (`config smtp set`)
/// or, for one sign-in, instead of them (`login`, `import-token`).
struct OAuthClientOptions: ParsableArguments {
    @Option(help: ArgumentHelp("OAuth2: microsoft, google or an OAuth server's issuer URL (default: from the preset).",
                               valueName: "provider"))
    var oauthProvider: String?

    @Option(help: ArgumentHelp("OAuth2: Microsoft's tenant (a domain, a tenant id or organizations).", valueName: "tenant"))
    var oauthTenant: String?

    @Option(help: ArgumentHelp("OAuth2: the app registration's client id (default: the provider's setting).", valueName: "id"))
    var oauthClientId: String?

    @Option(help: ArgumentHelp("OAuth2: where the app's client secret is (file:PATH, env:NAME or command:COMMAND).",
                               valueName: "source"))
    var oauthClientSecret: String?

    func validate() throws {
        if let oauthProvider, !oauthProvider.isEmpty, !["microsoft", "google"].contains(oauthProvider.lowercased()),
           !(oauthProvider.hasPrefix("https://") || oauthProvider.hasPrefix("http://")) {
            throw ValidationError("--oauth-provider takes microsoft, google or the issuer's https:// URL.")
        }
        if let oauthClientSecret {
            do { _ = try SecretSource(oauthClientSecret) } catch { throw ValidationError("--oauth-client-secret: \(error.description).") }
        }
    }
}

/// What a sign-in asks for beyond the client: the mailbox and IMAP access.
struct SignInAccountOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The mailbox to sign in as (default: the profile's user name).", valueName: "address"))
    var username: String?

    @Flag(help: "Also ask for IMAP access, so the account can read a mailbox (`events ingest --oauth2-account`).")
    var imap = false
}

/// One sign-in: the resolved provider and client, the token endpoint, the token store; saving the
/// new account and pointing the user's profile at it.
struct SignInSession {
    let store: EventStore
    let tokens: TokenStore
    let target: SignInProvider
    let http: any HTTPClient
    let profile: SMTPSettings?
    /// The token file's name: the user code, and in a database of several companies the company's
    /// name after an `@` (`MARI@acme`), so two companies' MARIs keep their own tokens.
    let account: String
    let company: Company?

    var endpoint: TokenEndpoint { TokenEndpoint(provider: target.provider, client: target.client, http: http) }

    init(store options: StoreOptions, keys: KeyOptions, client: OAuthClientOptions, mailbox: SignInAccountOptions,
         user: String, company companyOptions: CompanyOptions, appOnly: Bool) throws {
        let store = try options.open()
        self.store = store
        tokens = try keys.tokenStore()
        let http = HTTPTransport()
        self.http = http
        let company = try companyOptions.scope(in: store)
        self.company = company
        let profile = try store.profile(user: user, company: company?.id).map(SMTPSettings.init)
        self.profile = profile
        // With several companies a user's account is named after the company too, as two companies
        // may each have a MARI; with one (or none) it is the user code, as before companies.
        let several = try store.companyCount() > 1
        let account = profile != nil && several ? company.map { "\(user)@\($0.name)" } ?? user : user
        guard TokenStore.isValidName(account) else {
            throw CommandFailure("'\(account)' cannot name a signed-in account: use letters, digits and . _ @ + -")
        }
        self.account = account
        let baseUser = try store.setting(.mailSendingUser, company: company?.id).flatMap { $0.isEmpty ? nil : $0 }
        let base = try baseUser.flatMap { try store.profile(user: $0, company: company?.id) }.map(SMTPSettings.init)
        let overrides = SignInProvider.Overrides(
            provider: client.oauthProvider, tenant: client.oauthTenant, clientID: client.oauthClientId,
            clientSecret: client.oauthClientSecret, username: mailbox.username, imap: mailbox.imap, appOnly: appOnly)
        target = try SignInProvider.resolve(account: user, profile: profile, base: base, overrides: overrides, store: store,
                                            http: http, environment: ProcessInfo.processInfo.environment)
    }

    /// Keeps the account's tokens, points the profile (if the account is a user's) at them, and says so.
    func save(_ signedIn: StoredAccount) throws {
        // Under the account's lock, so a renewal running meanwhile cannot write its older state over the new sign-in.
        try tokens.withLock(signedIn.name) { try tokens.save(signedIn) }
        let name = target.provider.name
        var out = name.prefix(1).uppercased() + name.dropFirst() + " has been authenticated" + (signedIn.username.map { " for \($0)" } ?? "") + ".\n"
        out += "  scopes granted: \(signedIn.grantedScopes ?? signedIn.scopes.joined(separator: " "))\n"
        out += "  tokens kept in \(tokens.directory)/\(signedIn.name).json (mode 0600)"
        if let expiry = signedIn.accessTokenExpiresAt { out += "; access token valid until \(UTCTime.minute(expiry)) UTC" }
        out += "\n"
        if var settings = profile {
            settings.auth = .oauth2
            settings.secret = .account(signedIn.name)
            if settings.username.isEmpty, let username = signedIn.username { settings.username = username }
            try store.saveProfile(settings.record(company: company?.id, updatedAt: Date()))
            out += "  the profile \(settings.userCode) now signs in as \(settings.username.isEmpty ? "(no user name)" : settings.username) "
                + "with oauth:\(signedIn.name)\n"
            if let username = signedIn.username, !settings.username.isEmpty, username.lowercased() != settings.username.lowercased() {
                Output.standardError.write("events: warning: signed in as \(username), but the profile's user name is "
                                           + "\(settings.username): XOAUTH2 needs the signed-in mailbox's own name "
                                           + "(`events config smtp set \(settings.userCode) --username \(username)`)\n")
            }
        } else {
            out += "  no profile is named \(signedIn.name): name the account where it is used (oauth:\(signedIn.name), "
                + "or `events ingest --oauth2-account \(signedIn.name)`)\n"
        }
        Output.standardOutput.write(out)
        Output.standardOutput.flush()
    }
}

extension KeyOptions {
    /// The signed-in accounts' tokens: `oauth/` in the signing keys' folder.
    func tokenStore() throws -> TokenStore {
        let path = try path()
        return TokenStore(directory: (path.hasSuffix("/") ? path : path + "/") + "oauth")
    }
}
