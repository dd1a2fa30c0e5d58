import Foundation

/// Handing out access tokens: the cache, the refresh, and the bookkeeping that makes a refresh
/// safe to run from a scheduled job (rotated tokens saved first, dead grants not retried).
extension TokenStore {
    /// The access token to use now: under the account's lock, reload; a cached token before refreshAfter is returned
    /// as is (refreshed: false); else a refresh, the new state SAVED before returning (so a rotated refresh token is
    /// durable before its access token is used), refreshed: true. A failing refresh records lastError/lastErrorAt
    /// (and needsSignIn) in the file and rethrows the OAuthError. An account with needsSignIn set is not refreshed
    /// again: a scheduled run never hammers a dead grant (a new sign-in replaces the file). No account:
    /// TokenStoreError.noAccount(name).
    public func accessToken(for name: String, now: Date, endpoint: (StoredAccount) throws -> TokenEndpoint) throws
        -> (token: String, account: StoredAccount, refreshed: Bool) {
        try withLock(name) {
            let account = try loadForRefresh(name)
            if account.hasFreshAccessToken(at: now), let token = account.accessToken {
                return (token, account, false)
            }
            let refreshed = try refreshLocked(account, now: now, endpoint: endpoint)
            return (refreshed.accessToken ?? "", refreshed, true)
        }
    }

    /// Refreshes now even if the cached token is fresh (for `events config smtp refresh --all`), same
    /// locking/saving/error rules.
    public func refresh(_ name: String, now: Date, endpoint: (StoredAccount) throws -> TokenEndpoint) throws -> StoredAccount {
        try withLock(name) {
            try refreshLocked(loadForRefresh(name), now: now, endpoint: endpoint)
        }
    }

    /// Loads an account that may be refreshed: it exists and no refresh has declared its grant dead.
    private func loadForRefresh(_ name: String) throws -> StoredAccount {
        guard let account = try load(name) else { throw TokenStoreError.noAccount(name) }
        if account.needsSignIn {
            throw OAuthError(kind: .server, code: "invalid_grant",
                             errorDescription: account.lastError ?? "an earlier refresh was refused",
                             detail: "\(account.name) needs a new sign-in (`events config smtp login \(account.name)`)",
                             endpoint: OAuthError.place(account.tokenEndpoint))
        }
        return account
    }

    /// Runs the account's grant and saves the outcome, success or failure, before returning.
    private func refreshLocked(_ account: StoredAccount, now: Date, endpoint: (StoredAccount) throws -> TokenEndpoint) throws
        -> StoredAccount {
        let tokens = try endpoint(account)
        do {
            let response: TokenResponse
            switch account.grant {
            case .refreshToken:
                guard let refreshToken = account.refreshToken else {
                    throw OAuthError(kind: .server, code: "invalid_grant",
                                     errorDescription: "no refresh token is stored for this account",
                                     endpoint: OAuthError.place(account.tokenEndpoint))
                }
                response = try tokens.refresh(refreshToken, scopes: account.scopes)
            case .clientCredentials:
                response = try tokens.clientCredentials(scope: account.scopes.joined(separator: " "))
            }
            let updated = account.updated(with: response, now: now)
            try save(updated)
            return updated
        } catch let error as OAuthError {
            var failed = account
            failed.lastError = error.description
            failed.lastErrorAt = now
            if error.needsSignIn { failed.needsSignIn = true }
            try save(failed)
            throw error
        }
    }
}
