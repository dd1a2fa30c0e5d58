import ArgumentParser
import EventStore
import Foundation
import Sender

extension Events {
    /// `events config …`: the companion sender's settings, SMTP profiles and signing keys.
    struct Config: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Settings of the companion sender: system settings, SMTP profiles, the tag signing key.",
            discussion: """
                System settings (events config set NAME VALUE):
                  mail-sending-user  the user whose SMTP profile is everyone's base;
                                     others may override only user name and secret
                  company-name       the event mailbox's local part (company_name)
                  event-domain       its domain (default event.data.directo.ee)
                """,
            subcommands: [Show.self, Set.self, Unset.self, SMTP.self, Key.self]
        )
    }
}

extension Events.Config {
    /// `events config show`: the settings and every profile, secrets shown only as where they are.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the system settings and SMTP profiles.")

        @OptionGroup var store: StoreOptions

        func run() throws {
            try CommandFailure.reporting {
                let store = try store.open()
                var out = ""
                let settings = try store.settings()
                out += "Settings\n"
                for name in Setting.Name.allCases {
                    let value = settings.first { $0.name == name.rawValue }?.value
                    out += "  \(name.rawValue.padding(toLength: 18, withPad: " ", startingAt: 0)) "
                        + (value ?? (name == .eventDomain ? "(\(EventAddress.defaultDomain))" : "(not set)")) + "\n"
                }
                let profiles = try store.profiles()
                out += "SMTP profiles\n"
                if profiles.isEmpty { out += "  (none: add one with `events config smtp set USER …`)\n" }
                for record in profiles { out += ProfileText.line(record) }
                Output.standardOutput.write(out)
                Output.standardOutput.flush()
            }
        }
    }

    /// `events config set NAME VALUE`.
    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set a system setting.")

        @OptionGroup var store: StoreOptions

        @Argument(help: ArgumentHelp("mail-sending-user, company-name or event-domain.", valueName: "name"))
        var name: SettingName

        @Argument(help: "The value.")
        var value: String

        func validate() throws {
            let trimmed = value.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { throw ValidationError("Give a value; `events config unset \(name.rawValue)` removes it.") }
            switch name.setting {
            case .companyName:
                if !EventAddress.isLocalPart(trimmed) {
                    throw ValidationError("'\(value)' cannot be an address's local part: use letters, digits, '.', '_' or '-'.")
                }
            case .eventDomain:
                if !EventAddress.isDomain(trimmed) { throw ValidationError("'\(value)' is not a domain name.") }
            case .mailSendingUser:
                break
            }
        }

        func run() throws {
            try CommandFailure.reporting {
                let store = try store.open()
                let value = value.trimmingCharacters(in: .whitespaces)
                try store.setSetting(name.setting, to: name.setting == .eventDomain ? value.lowercased() : value)
                if name.setting == .mailSendingUser, try store.profile(user: value) == nil {
                    Output.standardError.write("events: note: \(value) has no SMTP profile yet; add one with "
                                               + "`events config smtp set \(value) …`\n")
                }
            }
        }
    }

    /// `events config unset NAME`.
    struct Unset: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a system setting.")

        @OptionGroup var store: StoreOptions

        @Argument(help: ArgumentHelp("mail-sending-user, company-name or event-domain.", valueName: "name"))
        var name: SettingName

        func run() throws {
            try CommandFailure.reporting { try store.open().setSetting(name.setting, to: nil) }
        }
    }
}

/// A setting's name on the command line.
enum SettingName: String, ExpressibleByArgument, CaseIterable {
    case mailSendingUser = "mail-sending-user"
    case companyName = "company-name"
    case eventDomain = "event-domain"

    var setting: Setting.Name {
        switch self {
        case .mailSendingUser: return .mailSendingUser
        case .companyName: return .companyName
        case .eventDomain: return .eventDomain
        }
    }
}
