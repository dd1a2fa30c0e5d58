import ArgumentParser
import EventStore
import Foundation
import Sender

extension Events {
    /// `events config …`: the companion sender's settings, SMTP profiles and signing keys.
    struct Config: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "config",
            abstract: "Settings of the companion sender: system settings, SMTP profiles, the tag signing key.",
            discussion: """
                Companies (events config company add NAME): each has its event address
                NAME@event-domain, its users' SMTP profiles and its mail sending user.

                System settings (events config set NAME VALUE):
                  mail-sending-user  the user whose SMTP profile is everyone's base;
                                     others may override only user name and secret
                                     (each company its own: --company NAME)
                  event-domain       the event addresses' domain (default event.data.directo.ee)
                OAuth sign-in (events config smtp login USER), for every profile that sets none of its own:
                  microsoft-client-id      the ERP's Microsoft Entra app registration (application id)
                  microsoft-tenant         a domain, tenant id or organizations (default)
                  microsoft-client-secret  where its client secret is (file:, env:, command:), app-only only
                  google-client-id         the ERP's Google OAuth client (type Desktop app)
                  google-client-secret     where that client's secret is (file:, env:, command:)

                Examples:
                  events config company add company_name
                  events config set mail-sending-user MARI --company company_name
                  events config unset mail-sending-user
                """,
            subcommands: [Show.self, Set.self, Unset.self, CompanyCommand.self, SMTP.self, Key.self]
        )
    }
}

extension Events.Config {
    /// `events config show`: which config files, database and keys' folder are in use and why, then
    /// the settings and every profile, secrets shown only as where they are.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show the config files, database and keys in use, the system settings and SMTP profiles.",
            discussion: """
                Each path says where it came from: an option, the environment, a config file and line, or \
                the default. The user's config file ($EVENTS_CONFIG, else $XDG_CONFIG_HOME/mailevents/config) \
                wins over the system's (/etc/mailevents/config). The database is only read.

                Examples:
                  events config show
                  events config show --config /etc/mailevents/config
                """)

        @OptionGroup var store: StoreOptions
        @OptionGroup var keys: KeyOptions

        @OptionGroup var company: CompanyOptions

        @Option(help: ArgumentHelp("The user's config file, as `events ingest --config` takes it.", valueName: "file"))
        var config: String?

        static func profiles(_ records: [SMTPProfileRecord], title: String) -> String {
            var out = title + "\n"
            if records.isEmpty { out += "  (none: add one with `events config smtp set USER …`)\n" }
            for record in records { out += ProfileText.line(record) }
            return out
        }

        func run() throws {
            try CommandFailure.reporting {
                let sources = try ConfigSources.load(explicit: config)
                let database = try self.store.resolved(config: sources)
                Output.standardOutput.write(ConfigSourcesText.text(sources, database: database,
                                                                   keys: try keys.resolved(config: sources)))
                Output.standardOutput.flush()
                let store = try self.store.openForReading(config: sources)
                var out = ""
                let named = try company.company(in: store, config: sources)
                let companies = try named.map { [$0] } ?? store.companies()
                let settings = try store.settings()
                out += "Settings\n"
                for name in Setting.Name.allCases where !(name.isPerCompany && !companies.isEmpty) {
                    let value = settings.first { $0.name == name.rawValue }?.value
                    out += "  \(name.rawValue.padding(toLength: 18, withPad: " ", startingAt: 0)) "
                        + (value ?? (name == .eventDomain ? "(\(EventAddress.defaultDomain))" : "(not set)")) + "\n"
                }
                if companies.isEmpty {
                    out += Self.profiles(try store.profiles(), title: "SMTP profiles")
                    out += "Companies\n  (none: every message is unattributed; `events config company add NAME` adds one)\n"
                }
                let domain = try store.setting(.eventDomain) ?? EventAddress.defaultDomain
                for company in companies {
                    out += "Company \(company.name) (\(company.name)@\(domain))\n"
                    out += "  mail-sending-user  \(try store.setting(.mailSendingUser, company: company.id) ?? "(not set)")\n"
                    out += Self.profiles(try store.profiles(company: company.id), title: "  SMTP profiles")
                }
                Output.standardOutput.write(out)
                Output.standardOutput.flush()
            }
        }
    }

    /// `events config set NAME VALUE`.
    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set", abstract: "Set a system setting.", discussion: """
                mail-sending-user is the company's own (--company NAME, when there are several).

                Examples:
                  events config set mail-sending-user MARI
                  events config set event-domain event.example.com
                  events config set microsoft-client-id 00000000-0000-0000-0000-000000000000
                """)

        @OptionGroup var store: StoreOptions
        @OptionGroup var company: CompanyOptions

        @Argument(help: ArgumentHelp("A setting's name (see `events config --help`).", valueName: "name"),
                  transform: Setting.Name.parse)
        var name: Setting.Name

        @Argument(help: "The value.")
        var value: String

        func validate() throws {
            let trimmed = value.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { throw ValidationError("Give a value; `events config unset \(name.rawValue)` removes it.") }
            switch name {
            case .eventDomain:
                if !EventAddress.isDomain(trimmed) { throw ValidationError("'\(value)' is not a domain name.") }
            case .microsoftTenant:
                if !trimmed.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "-") }) {
                    throw ValidationError("'\(value)' is not a tenant: give a domain (contoso.onmicrosoft.com), a tenant id, or organizations.")
                }
            case .microsoftClientSecret, .googleClientSecret:
                do { _ = try SecretSource(trimmed) } catch { throw ValidationError("\(name.rawValue): \(error.description).") }
            case .mailSendingUser, .microsoftClientID, .googleClientID:
                break
            }
        }

        func run() throws {
            try CommandFailure.reporting {
                let store = try store.open()
                let value = value.trimmingCharacters(in: .whitespaces)
                let company = name.isPerCompany ? try self.company.scope(in: store)?.id : nil
                try store.setSetting(name, to: name == .eventDomain ? value.lowercased() : value, company: company)
                if name == .mailSendingUser, try store.profile(user: value, company: company) == nil {
                    Output.standardError.write("events: note: \(value) has no SMTP profile yet; add one with "
                                               + "`events config smtp set \(value) …`\n")
                }
            }
        }
    }

    /// `events config unset NAME`.
    struct Unset: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "unset", abstract: "Remove a system setting.", discussion: """
                Examples:
                  events config unset mail-sending-user
                """)

        @OptionGroup var store: StoreOptions
        @OptionGroup var company: CompanyOptions

        @Argument(help: ArgumentHelp("A setting's name (see `events config --help`).", valueName: "name"),
                  transform: Setting.Name.parse)
        var name: Setting.Name

        func run() throws {
            try CommandFailure.reporting {
                let store = try store.open()
                let company = name.isPerCompany ? try self.company.scope(in: store)?.id : nil
                try store.setSetting(name, to: nil, company: company)
            }
        }
    }
}

extension Setting.Name {
    /// A setting's name on the command line: its stored name. `company-name`, the single company's
    /// name before there were companies, is a company now.
    static func parse(_ text: String) throws -> Setting.Name {
        if let name = Setting.Name(rawValue: text) { return name }
        if text == "company-name" {
            throw ValidationError("company-name is a company now: `events config company add NAME` "
                                  + "(its event address is NAME@event-domain).")
        }
        throw ValidationError("'\(text)' is not a setting; the settings are "
                              + Setting.Name.allCases.map(\.rawValue).joined(separator: ", ") + ".")
    }
}
