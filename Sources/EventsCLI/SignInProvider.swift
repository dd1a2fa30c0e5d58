import EventStore
import Foundation
import OAuthKit
import Sender

/// Whom an account signs in with: the provider and its endpoints, the app registration (client id,
/// and the client secret read from where it is), and the scopes to ask for. Each field comes from
/// the command line, else the user's profile, else the mail sending user's profile, else the
/// provider's system setting (`microsoft-client-id`, …), else what the preset implies.
struct SignInProvider {
    var provider: OAuthProvider
    var client: OAuthClient
    var clientSecretSource: SecretSource?
    var scopes: [String]
    /// The mailbox to sign in as (a login hint; XOAUTH2's user name), if known.
    var username: String?

    /// The fields the command line may give instead of the profile's.
    struct Overrides {
        var provider: String?
        var tenant: String?
        var clientID: String?
        var clientSecret: String?
        var username: String?
        var imap = false
        var appOnly = false
    }

    static func resolve(account: String, profile: SMTPSettings?, base: SMTPSettings?, overrides: Overrides, store: EventStore,
                        http: any HTTPClient, environment: [String: String]) throws -> SignInProvider {
        let own = profile?.oauth ?? OAuthClientSettings(), inherited = base?.oauth ?? OAuthClientSettings()
        let preset = profile?.server != nil ? profile?.preset : (base?.preset ?? profile?.preset)
        let host = profile?.server?.host ?? base?.server?.host
        guard let kind = overrides.provider ?? own.provider ?? inherited.provider ?? Self.provider(preset: preset, host: host) else {
            throw CommandFailure("which provider does \(account) sign in with? Give --oauth-provider microsoft, google or "
                                 + "the issuer's URL (or set it on the profile: `events config smtp set \(account) --oauth-provider …`)")
        }
        let secretText = try overrides.clientSecret.map { try SecretSource($0) }
        let provider: OAuthProvider
        var clientID = overrides.clientID ?? own.clientID ?? inherited.clientID
        var secretSource = secretText ?? own.clientSecret ?? inherited.clientSecret
        switch kind.lowercased() {
        case "microsoft":
            let tenant = try overrides.tenant ?? own.tenant ?? inherited.tenant ?? store.setting(.microsoftTenant) ?? "organizations"
            provider = .microsoft(tenant: tenant)
            if clientID == nil { clientID = try store.setting(.microsoftClientID) }
            if secretSource == nil { secretSource = try store.setting(.microsoftClientSecret).map { try SecretSource($0) } }
        case "google":
            provider = .google
            if clientID == nil { clientID = try store.setting(.googleClientID) }
            if secretSource == nil { secretSource = try store.setting(.googleClientSecret).map { try SecretSource($0) } }
        default:
            guard let issuer = URL(string: kind), ["http", "https"].contains(issuer.scheme?.lowercased() ?? "") else {
                throw CommandFailure("'\(kind)' is not a provider: give microsoft, google or the issuer's https:// URL")
            }
            do { provider = try OAuthProvider.discover(issuer: issuer, http: http) } catch {
                throw CommandFailure("cannot read the OAuth server's metadata at \(issuer.absoluteString): \(error.description)")
            }
        }
        guard let clientID, !clientID.isEmpty else {
            let setting = provider.kind == .google ? "google-client-id" : "microsoft-client-id"
            throw CommandFailure("no OAuth client id for \(provider.name): register the ERP's app with \(provider.name) and set "
                                 + "`events config set \(setting) ID` (or give --oauth-client-id); the README's \(provider.name) "
                                 + "section says how")
        }
        let secret: String?
        do { secret = try secretSource.map { try $0.read("OAuth client secret", environment: environment) } } catch {
            throw CommandFailure("\(error)")
        }
        var scopes: [String]
        if overrides.appOnly {
            guard let scope = provider.appOnlyScope else {
                throw CommandFailure("\(provider.name) offers no app-only sign-in for SMTP: sign in as the user instead")
            }
            guard secret != nil else {
                throw CommandFailure("app-only sign-in needs the app's client secret: set microsoft-client-secret (or "
                                     + "--oauth-client-secret) to where it is (file:PATH, env:NAME or command:COMMAND)")
            }
            scopes = [scope]
        } else {
            scopes = provider.smtpScopes
            if overrides.imap { scopes += provider.imapScopes.filter { !scopes.contains($0) } }
            // Microsoft and Google name the mailbox that signed in only in an OpenID id_token.
            if provider.kind != .generic { scopes += provider.identityScopes.filter { !scopes.contains($0) } }
        }
        let username = overrides.username ?? profile.map(\.username).flatMap { $0.isEmpty ? nil : $0 }
            ?? base.map(\.username).flatMap { $0.isEmpty || profile?.server != nil ? nil : $0 }
        return SignInProvider(provider: provider, client: OAuthClient(id: clientID, secret: secret),
                              clientSecretSource: secretSource, scopes: scopes, username: username)
    }

    /// The provider a preset or a well-known host implies.
    static func provider(preset: String?, host: String?) -> String? {
        switch preset {
        case SMTPPreset.office365.name: return "microsoft"
        case SMTPPreset.gmail.name: return "google"
        default: break
        }
        guard let host = host?.lowercased() else { return nil }
        if host.hasSuffix("office365.com") || host.hasSuffix("outlook.com") { return "microsoft" }
        if host.hasSuffix("gmail.com") || host.hasSuffix("googlemail.com") { return "google" }
        return nil
    }

    /// A new account's stored state, from the first token response: the mailbox that signed in
    /// as the provider's id_token names it, else the one asked for.
    func account(named name: String, grant: StoredAccount.Grant, response: TokenResponse, now: Date) -> StoredAccount {
        StoredAccount(name: name, provider: provider, client: client, clientSecretSource: clientSecretSource?.description,
                      grant: grant, scopes: scopes, response: response, username: response.accountName ?? username, now: now)
    }
}
