import ArgumentParser
import EventStore
import Foundation
import Sender

extension Events.Config {
    /// `events config company …`: the companies this database serves.
    struct CompanyCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "company",
            abstract: "The companies whose event addresses this database serves.",
            discussion: """
                Each company of the ERP has its event address, NAME@event-domain (event-domain defaults to \
                \(EventAddress.defaultDomain)). A message taken in belongs to the company whose address it was \
                delivered to (Delivered-To, X-Original-To, Envelope-To, then To; the local part before any \
                +tag); one naming no company is kept and listed as unattributed. Profiles, the mail sending \
                user and sent mail belong to a company too. The first company added takes over whatever was \
                stored before there were companies.

                Examples:
                  events config company add acme
                  events config company list
                  events config company remove acme --delete-data
                """,
            subcommands: [Add.self, List.self, Remove.self])
    }
}

extension Events.Config.CompanyCommand {
    /// `events config company add NAME…`.
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add companies by their event address's local part.",
                                                        discussion: """
                Adding a company that is there already changes nothing. Mail that arrived for a company \
                before it was added is unattributed: `events reparse` attributes it.

                Examples:
                  events config company add acme
                  events config company add acme beta gamma
                """)

        @OptionGroup var store: StoreOptions

        @Argument(help: ArgumentHelp("The companies' names: letters, digits, '.', '_' or '-'.", valueName: "name"))
        var names: [String]

        func validate() throws {
            if names.isEmpty { throw ValidationError("Give a company's name, the local part of its event address.") }
            for name in names where !EventAddress.isLocalPart(name) {
                throw ValidationError("'\(name)' cannot be an address's local part: use letters, digits, '.', '_' or '-' "
                                      + "(no '+', which separates the tag).")
            }
        }

        func run() throws {
            try CommandFailure.reporting {
                let store = try store.open()
                let domain = try store.setting(.eventDomain) ?? EventAddress.defaultDomain
                var out = ""
                for name in names {
                    switch try store.addCompany(named: name) {
                    case .exists(let company):
                        out += "\(company.name) is already a company (\(company.name)@\(domain))\n"
                    case .added(let company, let adopted):
                        out += "added \(company.name): its event address is \(company.name)@\(domain)\n"
                        if !adopted.isEmpty {
                            out += "  it takes over what was stored before there were companies: \(Self.text(adopted))\n"
                        }
                        let waiting = try store.unattributedMessages(addressedTo: company.name, domain: domain)
                        if waiting > 0 {
                            out += "  \(waiting) message(s) that arrived for it earlier are unattributed: "
                                + "`events reparse` attributes them\n"
                        }
                    }
                }
                Output.standardOutput.write(out)
                Output.standardOutput.flush()
            }
        }

        static func text(_ holdings: CompanyHoldings) -> String {
            "\(holdings.messages) message(s), \(holdings.events) event(s), \(holdings.sent) sent message(s), "
                + "\(holdings.profiles) SMTP profile(s)"
        }
    }

    /// `events config company list`.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the companies and what each holds.", discussion: """
                Examples:
                  events config company list
                """)

        @OptionGroup var store: StoreOptions

        func run() throws {
            try CommandFailure.reporting {
                let store = try store.openForReading()
                let companies = try store.companies()
                if companies.isEmpty {
                    Output.standardOutput.write("No companies: every message is kept unattributed. "
                                                + "`events config company add NAME` adds one.\n")
                    Output.standardOutput.flush()
                    return
                }
                let domain = try store.setting(.eventDomain) ?? EventAddress.defaultDomain
                let holdings = try store.companyHoldings()
                let rows = companies.map { company in
                    let held = company.id.flatMap { holdings[$0] } ?? CompanyHoldings()
                    return [company.name, "\(company.name)@\(domain)", String(held.messages), String(held.events),
                            String(held.sent), String(held.profiles), UTCTime.minute(company.createdAt)]
                }
                Output.standardOutput.write(TableLayout.companies.render(rows, width: TerminalWidth.ofStandardOutput()))
                Output.standardOutput.flush()
            }
        }
    }

    /// `events config company remove NAME`.
    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove a company.", discussion: """
                A company that holds messages, events, sent mail or SMTP profiles is removed only with \
                --delete-data, which deletes all of them with it.

                Examples:
                  events config company remove acme
                  events config company remove acme --delete-data
                """)

        @OptionGroup var store: StoreOptions

        @Argument(help: ArgumentHelp("The company's name.", valueName: "name"))
        var name: String

        @Flag(help: "Also delete the company's messages, events, sent mail and SMTP profiles.")
        var deleteData = false

        func run() throws {
            try CommandFailure.reporting {
                let store = try store.open()
                guard let company = try store.company(named: name), let id = company.id else {
                    throw CommandFailure(CompanyOptions.unknown(ResolvedSetting(value: name, origin: .option("NAME")), in: store))
                }
                switch try store.removeCompany(id: id, deletingData: deleteData) {
                case .holdsData(let holdings):
                    throw CommandFailure("\(company.name) holds \(Add.text(holdings)); nothing was removed. "
                                         + "--delete-data removes the company with all of them.")
                case .removed(let holdings):
                    Output.standardOutput.write("removed \(company.name)"
                                                + (holdings.isEmpty ? "\n" : " and its \(Add.text(holdings))\n"))
                    Output.standardOutput.flush()
                }
            }
        }
    }
}
