import Foundation
import OAuthKit
import Testing

@Suite("StoredAccount")
struct StoredAccountTests {
    static let signedIn = Date(timeIntervalSince1970: 1_800_000_000)

    static func account(name: String = "ANA", refreshToken: String? = "RT1", grant: StoredAccount.Grant = .refreshToken)
        -> StoredAccount {
        StoredAccount(name: name, provider: .microsoft, providerName: "Microsoft 365",
                      tokenEndpoint: OAuthProvider.microsoft().tokenEndpoint, clientID: "app", grant: grant,
                      scopes: ["https://outlook.office.com/SMTP.Send", "offline_access"], refreshToken: refreshToken,
                      signedInAt: signedIn)
    }

    @Test func rotationReplacesTheRefreshToken() {
        let now = Self.signedIn.addingTimeInterval(100)
        let updated = Self.account().updated(with: TokenResponse(accessToken: "AT2", expiresIn: 3600, refreshToken: "RT2",
                                                                 scope: "SMTP.Send"), now: now)
        #expect(updated.refreshToken == "RT2")
        #expect(updated.accessToken == "AT2")
        #expect(updated.grantedScopes == "SMTP.Send")
        #expect(updated.lastRefreshAt == now)
        #expect(updated.refreshCount == 1)
        #expect(updated.signedInAt == Self.signedIn)
    }

    @Test func keepsTheOldRefreshTokenWhenNoneIsReturned() {
        var account = Self.account()
        account.lastError = "old failure"
        account.lastErrorAt = Self.signedIn
        let updated = account.updated(with: TokenResponse(accessToken: "AT2", expiresIn: 3600), now: Self.signedIn)
        #expect(updated.refreshToken == "RT1")
        #expect(updated.lastError == nil && updated.lastErrorAt == nil)
    }

    @Test func refreshAfterIsFiveMinutesOrAFifthOfTheLifetimeBeforeExpiry() {
        let now = Self.signedIn
        let hour = Self.account().updated(with: TokenResponse(accessToken: "a", expiresIn: 3600), now: now)
        #expect(hour.accessTokenExpiresAt == now.addingTimeInterval(3600))
        #expect(hour.refreshAfter == now.addingTimeInterval(3300))
        let short = Self.account().updated(with: TokenResponse(accessToken: "a", expiresIn: 600), now: now)
        #expect(short.refreshAfter == now.addingTimeInterval(480))
        let unknown = Self.account().updated(with: TokenResponse(accessToken: "a"), now: now)
        #expect(unknown.refreshAfter == nil && unknown.accessTokenExpiresAt == nil)
        #expect(!unknown.hasFreshAccessToken(at: now))
        #expect(hour.hasFreshAccessToken(at: now.addingTimeInterval(3299)))
        #expect(!hour.hasFreshAccessToken(at: now.addingTimeInterval(3300)))
    }

    @Test func signInInitTakesTheUsernameFromTheIDToken() {
        let response = TokenResponse(accessToken: "AT", expiresIn: 3600, refreshToken: "RT",
                                     idToken: TokenResponseTests.idToken(["preferred_username": "ana@example.com"]))
        let account = StoredAccount(name: "ANA", provider: .google, client: OAuthClient(id: "g", secret: "GS"),
                                    clientSecretSource: "file:/etc/events/google-secret", grant: .refreshToken,
                                    scopes: ["https://mail.google.com/"], response: response, username: nil, now: Self.signedIn)
        #expect(account.username == "ana@example.com")
        #expect(account.provider == .google && account.providerName == "Google")
        #expect(account.revocationEndpoint?.absoluteString == "https://oauth2.googleapis.com/revoke")
        #expect(account.refreshCount == 0 && account.lastRefreshAt == nil)
        #expect(account.refreshAfter == Self.signedIn.addingTimeInterval(3300))
        #expect(!account.description.contains("RT") && !account.description.contains("AT"))
    }
}
