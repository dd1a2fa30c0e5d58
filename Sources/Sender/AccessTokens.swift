import Foundation
import OAuthKit

/// The access tokens of accounts signed in with `events config smtp login`: taken from the token
/// store beside the signing keys and renewed at the provider's token endpoint when due. The store
/// holds one refresh at a time per account across processes and writes a rotated refresh token
/// before its access token is used; an account whose sign-in has ended is not refreshed again
/// until the user signs in anew.
public struct AccessTokens: Sendable {
    public let store: TokenStore
    let http: any HTTPClient
    let environment: [String: String]
    let now: @Sendable () -> Date

    public init(store: TokenStore, http: any HTTPClient = HTTPTransport(),
                environment: [String: String] = ProcessInfo.processInfo.environment,
                now: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.http = http
        self.environment = environment
        self.now = now
    }

    /// A token to sign in with now: the cached one while it is fresh, else a renewed one;
    /// `force` renews even a fresh one (the server refused it). `refreshed`: it was just renewed.
    public func token(account: String, force: Bool = false) throws(AccessTokenFailure) -> (token: String, refreshed: Bool) {
        do {
            if force {
                let renewed = try store.refresh(account, now: now(), endpoint: endpoint)
                guard let token = renewed.accessToken else {
                    throw AccessTokenFailure(account: account, providerName: renewed.providerName, oauth: nil,
                                             message: "the provider returned no access token")
                }
                return (token, true)
            }
            let got = try store.accessToken(for: account, now: now(), endpoint: endpoint)
            return (got.token, got.refreshed)
        } catch let failure as AccessTokenFailure {
            throw failure
        } catch TokenStoreError.noAccount {
            throw AccessTokenFailure(account: account, providerName: nil, oauth: nil,
                                     message: "it has not signed in (no tokens in \(store.directory))", notSignedIn: true)
        } catch let error as OAuthError {
            let name = (try? store.load(account))??.providerName
            throw AccessTokenFailure(account: account, providerName: name, oauth: error, message: error.description)
        } catch {
            throw AccessTokenFailure(account: account, providerName: nil, oauth: nil, message: "\(error)")
        }
    }

    /// The token endpoint an account renews at, with its client secret read now from where it is.
    public func endpoint(_ account: StoredAccount) throws -> TokenEndpoint {
        let secret = try account.clientSecretSource.map { try SecretSource($0).read("OAuth client secret", environment: environment) }
        return TokenEndpoint(account: account, client: OAuthClient(id: account.clientID, secret: secret), http: http)
    }
}

/// No access token could be had for an account: the provider's answer (`oauth`), or the store's or
/// secret's problem in `message`. Never holds a token.
public struct AccessTokenFailure: Error, Sendable, CustomStringConvertible {
    public var account: String
    public var providerName: String?
    public var oauth: OAuthError?
    public var message: String
    /// No tokens for the account in the store at all.
    public var notSignedIn = false

    public var description: String { "cannot get an access token for \(account): \(message)" }

    /// The user must sign in again (the token endpoint answered invalid_grant or kin).
    public var needsSignIn: Bool { notSignedIn || (oauth?.needsSignIn ?? false) }

    /// The token endpoint's error code, or `not_signed_in` when there are no tokens to renew.
    public var code: String? { notSignedIn ? Self.notSignedInCode : oauth?.kind == .server ? oauth?.code : nil }

    public static let notSignedInCode = "not_signed_in"
}
