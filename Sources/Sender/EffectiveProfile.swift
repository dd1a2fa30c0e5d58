import EventStore

/// The settings a user's mail is actually sent with. With the system setting "mail sending user
/// code" (`mail-sending-user`) set, that user's profile is everyone's base: its server, TLS, kind of
/// login and sender mode; a user's own profile may then override only the user name and the secret,
/// and gives the user's own address. Without the setting, each user's own profile is used whole.
public struct EffectiveProfile: Sendable, Equatable {
    public var settings: SMTPSettings
    public var server: SMTPSettings.Server
    /// Whose profile gave the server settings.
    public var profileUser: String
    /// Whose profile gave the user name and secret.
    public var loginUser: String

    /// Resolves `user`'s settings from the stored profiles and settings of `company` (nil: a
    /// database with no company): its mail sending user, its profiles.
    public static func resolve(user: String, company: Int64? = nil, in store: EventStore) throws -> EffectiveProfile {
        let base = try store.setting(.mailSendingUser, company: company).flatMap { $0.isEmpty ? nil : $0 }
        let own = try store.profile(user: user, company: company).map(SMTPSettings.init)
        let baseProfile = try base.flatMap { try store.profile(user: $0, company: company) }.map(SMTPSettings.init)
        return try resolve(user: user, own: own, mailSendingUser: base, baseProfile: baseProfile)
    }

    /// The rule itself, on values.
    public static func resolve(user: String, own: SMTPSettings?, mailSendingUser base: String?,
                               baseProfile: SMTPSettings?) throws(ProfileError) -> EffectiveProfile {
        var settings: SMTPSettings
        var profileUser = user, loginUser = user
        if let base {
            guard var merged = baseProfile else { throw ProfileError.noProfile(user: user, mailSendingUser: base) }
            profileUser = merged.userCode
            loginUser = merged.userCode
            if let own, own.userCode.lowercased() != merged.userCode.lowercased() {
                merged.address = own.address
                merged.displayName = own.displayName
                if !own.username.isEmpty {
                    merged.username = own.username
                    merged.secret = own.secret
                    loginUser = own.userCode
                }
            } else if own == nil, user.lowercased() != merged.userCode.lowercased() {
                throw ProfileError.unusable(user: user, problems: [
                    "no profile gives \(user)'s own address: add one with `events config smtp set \(user) --address ADDR` "
                        + "(optionally with --username and a secret to override \(merged.userCode)'s login)",
                ])
            }
            merged.userCode = user
            settings = merged
        } else {
            guard let own else { throw ProfileError.noProfile(user: user, mailSendingUser: nil) }
            settings = own
        }
        let problems = settings.problems
        guard problems.isEmpty, let server = settings.server else {
            throw ProfileError.unusable(user: user, problems: problems)
        }
        return EffectiveProfile(settings: settings, server: server, profileUser: profileUser, loginUser: loginUser)
    }
}
