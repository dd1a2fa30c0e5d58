import Foundation
import Sender
import Testing

/// The ERP's rule: with a mail sending user, that user's profile is everyone's base and a user's
/// own profile may override only the user name and the secret.
@Suite("EffectiveProfile")
struct EffectiveProfileTests {
    static let server = SMTPSettings.Server(host: "smtp.zone.ee", port: 465, tls: .ssl)
    static let base = SMTPSettings(userCode: "ADMIN", server: server, username: "office@firm.ee",
                                   secret: .file("/etc/firm/pw"), senderMode: .replyTo, address: "office@firm.ee")

    @Test func ownProfileIsUsedWholeWithoutAMailSendingUser() throws {
        let own = SMTPSettings(userCode: "MARI", server: .init(host: "smtp.gmail.com", port: 465, tls: .ssl),
                               username: "mari@gmail.com", secret: .environment("MARI_PW"), senderMode: .own,
                               address: "mari@gmail.com")
        let effective = try EffectiveProfile.resolve(user: "MARI", own: own, mailSendingUser: nil, baseProfile: nil)
        #expect(effective.settings == own)
        #expect(effective.profileUser == "MARI" && effective.loginUser == "MARI")
    }

    @Test func aUserOverridesOnlyTheLogin() throws {
        let own = SMTPSettings(userCode: "JAAN", server: .init(host: "evil.example", port: 25, tls: .none),
                               username: "jaan@firm.ee", secret: .file("/home/jaan/pw"), senderMode: .own,
                               address: "jaan@firm.ee", displayName: "Jaan Tamm")
        let effective = try EffectiveProfile.resolve(user: "JAAN", own: own, mailSendingUser: "ADMIN", baseProfile: Self.base)
        #expect(effective.server == Self.server, "the server is the mail sending user's")
        #expect(effective.settings.senderMode == .replyTo, "so is the sender mode")
        #expect(effective.settings.username == "jaan@firm.ee")
        #expect(effective.settings.secret == .file("/home/jaan/pw"))
        #expect(effective.settings.address == "jaan@firm.ee")
        #expect(effective.settings.displayName == "Jaan Tamm")
        #expect(effective.profileUser == "ADMIN" && effective.loginUser == "JAAN")
    }

    @Test func anAddressOnlyProfileUsesTheBaseLogin() throws {
        let own = SMTPSettings(userCode: "KATI", server: nil, address: "kati@firm.ee")
        let effective = try EffectiveProfile.resolve(user: "KATI", own: own, mailSendingUser: "ADMIN", baseProfile: Self.base)
        #expect(effective.settings.username == "office@firm.ee")
        #expect(effective.settings.address == "kati@firm.ee")
        #expect(effective.loginUser == "ADMIN")
    }

    @Test func theMailSendingUserItself() throws {
        let effective = try EffectiveProfile.resolve(user: "admin", own: Self.base, mailSendingUser: "ADMIN", baseProfile: Self.base)
        #expect(effective.settings.address == "office@firm.ee")
    }

    @Test func missingProfilesSayWhatToDo() {
        #expect(throws: ProfileError.self) {
            try EffectiveProfile.resolve(user: "X", own: nil, mailSendingUser: nil, baseProfile: nil)
        }
        do {
            _ = try EffectiveProfile.resolve(user: "X", own: nil, mailSendingUser: "ADMIN", baseProfile: nil)
            Issue.record("no error")
        } catch {
            #expect(error.description.contains("events config smtp set ADMIN"))
        }
        do {
            _ = try EffectiveProfile.resolve(user: "X", own: nil, mailSendingUser: "ADMIN", baseProfile: Self.base)
            Issue.record("no error")
        } catch {
            #expect(error.description.contains("events config smtp set X --address"))
        }
        let serverless = SMTPSettings(userCode: "Y", server: nil, address: "y@firm.ee")
        #expect(throws: ProfileError.self) {
            try EffectiveProfile.resolve(user: "Y", own: serverless, mailSendingUser: nil, baseProfile: nil)
        }
    }

    /// An OAuth2 profile names whom it signs in with; the record keeps where the client secret is.
    @Test func anOAuthProfileRoundTripsAndAsksForASignIn() throws {
        var settings = SMTPSettings(userCode: "MARI", server: .init(host: "smtp.office365.com", port: 587, tls: .startTLS),
                                    username: "mari@firm.ee", auth: .oauth2, address: "mari@firm.ee", preset: "office365",
                                    oauth: OAuthClientSettings(provider: "microsoft", tenant: "firm.onmicrosoft.com",
                                                               clientID: "app-id", clientSecret: .file("/etc/app-secret")))
        #expect(settings.problems == [SMTPSettings.notSignedIn("MARI")])
        #expect(settings.problems.first?.contains("events config smtp login MARI") == true)
        settings.secret = .account("MARI")
        #expect(settings.problems.isEmpty)
        let record = settings.record(updatedAt: Date(timeIntervalSince1970: 0))
        #expect(record.oauthClientSecret == "file:/etc/app-secret" && record.secretSource == "oauth:MARI")
        #expect(try SMTPSettings(record) == settings)
        settings.auth = .password
        #expect(settings.problems.contains { $0.contains("--auth oauth2") })
    }

    @Test func presetsAreTheERPs() {
        #expect(SMTPPreset.gmail.host == "smtp.gmail.com" && SMTPPreset.gmail.port == 465 && SMTPPreset.gmail.tls == .ssl)
        #expect(SMTPPreset.office365.port == 587 && SMTPPreset.office365.tls == .startTLS && SMTPPreset.office365.auth == .oauth2)
        #expect(SMTPPreset.zone.host == "smtp.zone.ee" && SMTPPreset.zone.tls == .ssl)
        #expect(SMTPPreset.named("Office365") == .office365)
    }
}
