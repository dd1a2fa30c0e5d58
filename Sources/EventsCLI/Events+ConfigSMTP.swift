import ArgumentParser
import EventStore
import Foundation
import Sender

extension Events.Config {
    /// `events config smtp …`: the per-user SMTP profiles.
    struct SMTP: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "smtp",
            abstract: "Manage the SMTP profiles, one per ERP user code.",
            discussion: """
                Examples:
                  events config smtp set MARI --preset gmail --username mari@gmail.com --secret file:/etc/firm/mari.pw --address mari@gmail.com
                  events config smtp login ANNA
                  events config smtp tokens
                """,
            subcommands: [SetProfile.self, ShowProfile.self, ListProfiles.self, RemoveProfile.self,
                          Login.self, ImportToken.self, Tokens.self, Refresh.self, Logout.self]
        )
    }
}

extension Events.Config.SMTP {
    /// `events config smtp set USER …`: creates a profile or changes the given fields of one.
    struct SetProfile: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: "Create a user's SMTP profile or change some of its fields.",
            discussion: """
                Presets: gmail (smtp.gmail.com:465, ssl, an app password), office365 (smtp.office365.com:587, \
                starttls, OAuth2 with XOAUTH2: sign in next with `events config smtp login USER`), zone \
                (smtp.zone.ee:465, ssl). The TLS mode defaults from the port: 465 ssl, 587 and 25 starttls.

                Secrets are never given or stored themselves, only where to read them at each send: \
                --secret file:PATH, env:NAME or command:COMMAND (its first output line; for OAuth2 a \
                command that prints a fresh access token), or oauth:ACCOUNT (an account signed in with \
                `events config smtp login`, which sets it).

                OAuth2 sign-in uses the provider's app registration: --oauth-client-id (and, for Microsoft, \
                --oauth-tenant; --oauth-client-secret where the app has one), else the system settings \
                microsoft-client-id, google-client-id, … (see `events config --help`).

                With the setting mail-sending-user, a profile with only --address (and optionally \
                --username and --secret) gives the user's own address and overrides that user's login.

                Examples:
                  events config smtp set MARI --preset zone --username mari@firm.ee --secret file:/etc/firm/mari.pw --address mari@firm.ee
                  events config smtp set ANNA --preset office365 --username anna@firm.ee --address anna@firm.ee
                  events config smtp set JAAN --address jaan@firm.ee   # with mail-sending-user: only the address
                """
        )

        @OptionGroup var store: StoreOptions
        @OptionGroup var company: CompanyOptions

        @Argument(help: "The ERP user code.")
        var user: String

        @Option(help: "gmail, office365 or zone: fills host, port, TLS and the kind of login.")
        var preset: String?

        @Option(help: "The SMTP server's host name.")
        var host: String?

        @Option(help: "The port: 25, 465 or 587.")
        var port: Int?

        @Option(help: "none, ssl (implicit TLS) or starttls.")
        var tls: SMTPSettings.TLSMode?

        @Option(help: "The login's user name; empty (\"\") for no AUTH.")
        var username: String?

        @Option(help: "password (a password or app password) or oauth2 (an access token, XOAUTH2).")
        var auth: SMTPSettings.AuthKind?

        @Option(help: ArgumentHelp("Where the password or token is: file:PATH, env:NAME or command:COMMAND.",
                                   valueName: "source"))
        var secret: String?

        @Option(help: "own (From is the user's address) or reply-to (From is the event mailbox, Reply-To the user).")
        var senderMode: SMTPSettings.SenderMode?

        @Option(help: "The user's own e-mail address.")
        var address: String?

        @Option(help: "The display name on From or Reply-To.")
        var name: String?

        @OptionGroup var oauth: OAuthClientOptions

        func validate() throws {
            if let preset, SMTPPreset.named(preset) == nil {
                throw ValidationError("Unknown preset '\(preset)': use \(SMTPPreset.all.map(\.name).joined(separator: ", ")).")
            }
            if let port, !(1...65535).contains(port) { throw ValidationError("--port takes a TCP port, 1 to 65535.") }
            if preset?.lowercased() == SMTPPreset.office365.name, auth == .password {
                throw ValidationError(Self.office365Password)
            }
            if let secret {
                do { _ = try SecretSource(secret) } catch { throw ValidationError("--secret: \(error.description).") }
                if case .file(let path)? = try? SecretSource(secret), !path.hasPrefix("/") {
                    throw ValidationError("--secret file:PATH needs an absolute path: scheduled runs start elsewhere.")
                }
            }
            if let host, host.isEmpty || host.contains(where: { $0 == " " || $0 == "/" }) {
                throw ValidationError("'\(host)' is not a host name.")
            }
        }

        /// Microsoft 365 refuses passwords for SMTP: Basic authentication for SMTP AUTH is off by
        /// default for existing tenants from the end of December 2026 and unavailable to new ones, so
        /// a password profile would fail at its first send (or soon after) with 5.7.139 / 5.7.3.
        static let office365Password = """
            Microsoft 365 does not take a password for SMTP: Basic authentication for SMTP AUTH is disabled by \
            default for existing tenants at the end of December 2026 and is not available to new ones. Use \
            --auth oauth2 (the office365 preset's default) and sign the user in with `events config smtp login USER`.
            """

        func run() throws {
            try CommandFailure.reporting {
                let store = try store.open()
                let company = try self.company.scope(in: store)?.id
                let existing = try store.profile(user: user, company: company).map(SMTPSettings.init)
                var settings = existing ?? SMTPSettings(userCode: user, server: nil, address: address ?? "")
                let preset = preset.flatMap(SMTPPreset.named)
                if let preset {
                    settings.server = .init(host: preset.host, port: preset.port, tls: preset.tls)
                    settings.auth = preset.auth
                    settings.preset = preset.name
                }
                if host != nil || port != nil || tls != nil {
                    guard let host = host ?? settings.server?.host else {
                        throw CommandFailure("give --host (or --preset) for \(user)'s server")
                    }
                    let port = port ?? settings.server?.port ?? 587
                    let tls = tls ?? (self.port == nil ? settings.server?.tls : nil) ?? Self.defaultTLS(port: port)
                    settings.server = .init(host: host, port: port, tls: tls)
                    if preset == nil { settings.preset = nil }
                }
                if let username { settings.username = username.trimmingCharacters(in: .whitespaces) }
                if let auth { settings.auth = auth }
                if let secret { settings.secret = try SecretSource(secret) }
                if let senderMode { settings.senderMode = senderMode }
                if let address { settings.address = address.trimmingCharacters(in: .whitespaces) }
                if let name { settings.displayName = name.isEmpty ? nil : name }
                if settings.username.isEmpty { settings.secret = secret.flatMap { try? SecretSource($0) } }
                func blankIsNil(_ text: String?) -> String?? { text.map { $0.isEmpty ? nil : $0 } }
                if let provider = blankIsNil(oauth.oauthProvider?.lowercased()) { settings.oauth.provider = provider }
                if let tenant = blankIsNil(oauth.oauthTenant) { settings.oauth.tenant = tenant }
                if let clientID = blankIsNil(oauth.oauthClientId) { settings.oauth.clientID = clientID }
                if let source = blankIsNil(oauth.oauthClientSecret) { settings.oauth.clientSecret = try source.map(SecretSource.init) }

                if auth != nil || preset != nil || host != nil, settings.auth == .password, !settings.username.isEmpty,
                   settings.server?.host.lowercased() == SMTPPreset.office365.host {
                    throw CommandFailure("not saved: " + Self.office365Password)
                }
                var problems = settings.problems
                if settings.server == nil { problems.removeAll { $0.hasPrefix("no server") } }
                // An OAuth2 profile is saved before its sign-in, which needs it.
                let signInNext = problems.contains(SMTPSettings.notSignedIn(settings.userCode))
                problems.removeAll { $0 == SMTPSettings.notSignedIn(settings.userCode) }
                if !problems.isEmpty {
                    throw CommandFailure("not saved: the profile for \(user) would be unusable: " + problems.joined(separator: "; "))
                }
                try store.saveProfile(settings.record(company: company, updatedAt: Date()))
                Output.standardOutput.write(ProfileText.line(settings.record(updatedAt: Date())))
                if signInNext {
                    Output.standardError.write("events: next, sign \(user) in: `events config smtp login \(user)`\n")
                }
                if settings.server == nil, try store.setting(.mailSendingUser, company: company) == nil {
                    Output.standardError.write("events: note: this profile has no server; it is used only with the "
                                               + "setting mail-sending-user (`events config set mail-sending-user CODE`)\n")
                }
                Output.standardOutput.flush()
            }
        }

        static func defaultTLS(port: Int) -> SMTPSettings.TLSMode {
            port == 465 ? .ssl : .startTLS
        }
    }

    /// `events config smtp show USER`: the profile and the settings the user's mail would go with.
    struct ShowProfile: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: "Show a user's profile and the settings their mail is sent with.",
            discussion: """
                Examples:
                  events config smtp show MARI
                """)

        @OptionGroup var store: StoreOptions
        @OptionGroup var company: CompanyOptions

        @Argument(help: "The ERP user code.")
        var user: String

        func run() throws {
            try CommandFailure.reporting {
                let store = try store.openForReading()
                let company = try self.company.scope(in: store)?.id
                var out = ""
                if let record = try store.profile(user: user, company: company) {
                    out += "Profile\n" + ProfileText.line(record)
                } else {
                    out += "Profile\n  (\(user) has none)\n"
                }
                out += "Effective\n"
                do {
                    let effective = try EffectiveProfile.resolve(user: user, company: company, in: store)
                    out += ProfileText.line(effective.settings.record(updatedAt: Date()))
                    out += "  server from \(effective.profileUser), login from \(effective.loginUser)\n"
                } catch let error as ProfileError {
                    out += "  cannot send: \(error.description)\n"
                }
                Output.standardOutput.write(out)
                Output.standardOutput.flush()
            }
        }
    }

    /// `events config smtp list`.
    struct ListProfiles: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the SMTP profiles.", discussion: """
                Examples:
                  events config smtp list
                """)

        @OptionGroup var store: StoreOptions
        @OptionGroup var company: CompanyOptions

        func run() throws {
            try CommandFailure.reporting {
                let store = try store.openForReading()
                let profiles = try store.profiles(company: try company.scope(in: store)?.id)
                Output.standardOutput.write(profiles.isEmpty ? "No SMTP profiles.\n" : profiles.map(ProfileText.line).joined())
                Output.standardOutput.flush()
            }
        }
    }

    /// `events config smtp remove USER`.
    struct RemoveProfile: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove a user's SMTP profile.", discussion: """
                Examples:
                  events config smtp remove MARI
                """)

        @OptionGroup var store: StoreOptions
        @OptionGroup var company: CompanyOptions

        @Argument(help: "The ERP user code.")
        var user: String

        func run() throws {
            try CommandFailure.reporting {
                let store = try store.open()
                guard try store.removeProfile(user: user, company: try company.scope(in: store)?.id) else {
                    throw CommandFailure("no SMTP profile for \(user): nothing removed")
                }
            }
        }
    }
}

extension SMTPSettings.TLSMode: ExpressibleByArgument {}
extension SMTPSettings.AuthKind: ExpressibleByArgument {}
extension SMTPSettings.SenderMode: ExpressibleByArgument {}

/// One profile on one line: never the secret, only where it is read from.
enum ProfileText {
    static func line(_ record: SMTPProfileRecord) -> String {
        var parts: [String] = []
        if let host = record.host, let port = record.port, let tls = record.tls {
            parts.append("\(host):\(port) \(tls)")
        } else {
            parts.append("(the mail sending user's server)")
        }
        if record.username.isEmpty {
            parts.append("no AUTH")
        } else {
            let secret = record.secretSource.map { $0.hasPrefix("oauth:") ? ", signed in as \($0)" : ", secret from \($0)" }
            parts.append("\(record.auth) login \(record.username)"
                         + (secret ?? (record.auth == "oauth2" ? ", not signed in" : ", no secret source")))
        }
        parts.append("\(record.senderMode), address \(record.address)")
        if let name = record.displayName { parts.append("name \"\(name)\"") }
        if let preset = record.preset { parts.append("preset \(preset)") }
        let oauth = [record.oauthProvider.map { "provider \($0)" }, record.oauthTenant.map { "tenant \($0)" },
                     record.oauthClientID.map { "client id \($0)" }, record.oauthClientSecret.map { "client secret from \($0)" }]
            .compactMap { $0 }
        if !oauth.isEmpty { parts.append("OAuth " + oauth.joined(separator: ", ")) }
        return "  \(record.userCode): " + parts.joined(separator: "; ") + "\n"
    }
}
