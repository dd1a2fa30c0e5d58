import ArgumentParser
import EventStore
import Foundation

extension Events {
    /// `events sent`: the messages `events send` recorded, each recipient's state and what came
    /// back, so support can answer "did invoice 42 reach the customer?" without reading events.
    struct Sent: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sent",
            abstract: "List sent messages, newest first, with each recipient's state and the events matched to it.",
            discussion: """
                A recipient is pending (never submitted), rejected (the submission server refused it: \
                a submission_error says why), accepted (taken by the server, nothing came back), delayed, \
                delivered (a delivery report), complained or bounced; only verified events count. A \
                message that is not listed was never sent from here.

                Examples:
                  events sent --user MARI --since 7d
                  events sent --to client@example.com --subject "invoice 42"
                  events sent --to @example.com --format json
                  events show --outgoing 17        # one message's whole story
                  events sent --company acme --user MARI
                """
        )

        @OptionGroup var store: StoreOptions
        @OptionGroup var company: CompanyOptions

        @Option(help: ArgumentHelp("Messages this ERP user sent (any case).", valueName: "code"))
        var user: String?

        @Option(help: ArgumentHelp("Messages to this address, or to a domain (example.com or @example.com).",
                                   valueName: "address"))
        var to: String?

        @Option(help: ArgumentHelp("Messages whose subject contains this text (any case, accents ignored: muller finds Müller).", valueName: "text"))
        var subject: String?

        @Option(help: ArgumentHelp("Messages sent at or after this date or age (e.g. 7d).", valueName: "when"),
                transform: { try PointInTime.parse($0) })
        var since: Date?

        @Option(help: ArgumentHelp("At most this many messages; 0 for all.", valueName: "n"))
        var limit = 100

        @Option(help: "Output format: table (a line per recipient), json, or csv or tsv (a row per recipient).")
        var format: ListFormat = .table

        func validate() throws {
            if limit < 0 { throw ValidationError("--limit takes a count, 0 or more (0 lists every message).") }
            if let to, to.isEmpty || to == "@" || to.contains(" ") {
                throw ValidationError("--to takes an address (client@example.com) or a domain (example.com or @example.com).")
            }
            if user?.isEmpty == true { throw ValidationError("--user needs a user code.") }
        }

        func run() throws {
            try CommandFailure.reporting {
                let database = try store.openForReading()
                let company = try self.company.selection(in: database)
                if let user { try SenderChecks.requireSender(user, company: company, in: database) }
                let filter = OutgoingFilter(userCode: user, recipient: to, subject: subject, since: since, company: company)
                let histories = try database.outgoingHistories(matching: filter, limit: limit == 0 ? nil : limit + 1)
                let shown = limit == 0 ? histories : Array(histories.prefix(limit))
                Output.standardOutput.write(SentListPrinter.render(shown, format: format, width: TerminalWidth.ofStandardOutput()))
                Output.standardOutput.flush()
                if histories.count > shown.count, format == .table {
                    Output.standardError.write("events: showing the newest \(limit); --limit N shows more, --limit 0 all.\n")
                }
            }
        }
    }
}
