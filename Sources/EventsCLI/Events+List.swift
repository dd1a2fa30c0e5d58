import ArgumentParser
import EventStore
import Foundation

extension Events {
    /// `events list`: recorded events, newest first.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List recorded events, newest first.",
            discussion: """
                Dates are UTC: 2026-11-01 or 2026-11-01T10:00; an age such as 30d, 24h, 90m or 2w counts \
                back from now. JSON is one array of objects whose keys are always present (absent values \
                are null); CSV (RFC 4180) and TSV (tabs and line breaks in values become spaces) have the \
                same columns under a header row. The table fits a terminal's width, cutting long values \
                with …; piped, it prints every value in full.

                Examples:
                  events list --failed --since 7d
                  events list --recipient example.org --subject "invoice 42"
                  events list --user ANNA --format tsv | cut -f2,4,5
                  events list --failed --company acme
                  events list --unattributed --since 7d
                """
        )

        @OptionGroup var store: StoreOptions
        @OptionGroup var company: CompanyOptions

        @Flag(help: "Only events of messages delivered to no known company's event address.")
        var unattributed = false

        @Flag(help: "Only events that need action: bounces and submission failures.")
        var failed = false

        @Option(help: ArgumentHelp("Events at or after this date or age (e.g. 7d).", valueName: "when"),
                transform: { try PointInTime.parse($0) })
        var since: Date?

        @Option(help: ArgumentHelp("Events before this date or age.", valueName: "when"),
                transform: { try PointInTime.parse($0) })
        var until: Date?

        @Option(help: ArgumentHelp("Events about this address, or anyone at a domain (example.org or @example.org); any case.",
                                   valueName: "address"))
        var recipient: String?

        @Option(help: ArgumentHelp("Events about recipients at exactly this domain (any case).", valueName: "domain"))
        var domain: String?

        @Option(help: ArgumentHelp("Events whose original subject contains this text (any case).", valueName: "text"))
        var subject: String?

        @Option(help: ArgumentHelp("Events with this reason (userunknown, mailboxfull, …; `events reasons` lists them).",
                                   valueName: "reason"))
        var reason: String?

        @Option(help: ArgumentHelp("Events of this kind (\(EventNames.kinds.joined(separator: ", "))).", valueName: "kind"))
        var kind: String?

        @Option(help: ArgumentHelp("Events about mail this ERP user sent (bounces matched to it, submission errors).",
                                   valueName: "code"))
        var user: String?

        @Option(help: ArgumentHelp("Events matched to this outgoing message (the number `events send` prints).",
                                   valueName: "id"))
        var outgoing: Int64?

        @Option(help: ArgumentHelp("At most this many events; 0 for all.", valueName: "n"))
        var limit = 100

        @Option(help: "Output format: table, json, csv or tsv.")
        var format: ListFormat = .table

        func validate() throws {
            if unattributed && company.company != nil {
                throw ValidationError("Give --company or --unattributed, not both.")
            }
            if limit < 0 { throw ValidationError("--limit takes a count, 0 or more (0 lists every event).") }
            if let reason, let problem = EventNames.problem(option: "--reason", value: reason.lowercased(),
                                                            valid: EventNames.reasons) {
                throw ValidationError(problem + " `events reasons` explains each one.")
            }
            if let kind, let problem = EventNames.problem(option: "--kind", value: kind.lowercased(), valid: EventNames.kinds) {
                throw ValidationError(problem)
            }
            for (option, value) in [("--recipient", recipient.map(RecipientMatch.bareDomain)),
                                     ("--domain", domain.map(RecipientMatch.bareDomain)),
                                     ("--subject", subject?.trimmingCharacters(in: .whitespaces))] {
                if value?.isEmpty == true {
                    throw ValidationError("\(option) needs a value; an empty one would match every event.")
                }
            }
        }

        var filter: EventFilter {
            EventFilter(failedOnly: failed, since: since, until: until, recipient: recipient, domain: domain,
                        subject: subject, reason: reason?.lowercased(), kind: kind?.lowercased(), userCode: user,
                        outgoingID: outgoing)
        }

        /// `--user` and `--outgoing` that name nothing ever sent are typos, not "nothing failed".
        static func checkSenderFilters(_ filter: EventFilter, in database: EventStore) throws {
            if let id = filter.outgoingID { try SenderChecks.requireOutgoing(id, in: database) }
            if let user = filter.userCode { try SenderChecks.requireSender(user, company: filter.company, in: database) }
        }

        func run() throws {
            try CommandFailure.reporting {
                let config = try ConfigSources.load()
                let database = try store.openForReading(config: config)
                var filter = filter
                filter.company = unattributed ? .unattributed : try company.selection(in: database, config: config)
                try Self.checkSenderFilters(filter, in: database)
                let mixed = format == .table && filter.company == .any ? try database.companyCount() > 1 : false
                let printer = EventListPrinter(format: format, output: .standardOutput,
                                               width: TerminalWidth.ofStandardOutput(), companyColumn: mixed)
                var printed = 0
                var more = false
                // One row past the limit tells whether the list was cut.
                try database.forEachEventWithCompany(matching: filter, limit: limit == 0 ? nil : limit + 1) { event, company in
                    if limit > 0, printed == limit { more = true; return }
                    printer.print(event, company: company)
                    printed += 1
                }
                printer.finish()
                if more, format == .table {
                    Output.standardError.write("events: showing the newest \(limit); --limit N shows more, --limit 0 all.\n")
                }
            }
        }
    }
}

/// How `events list` prints events.
enum ListFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv, tsv
}
