import ArgumentParser
import EventStore
import Foundation

extension Events {
    /// `events list`: recorded events, newest first.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List recorded events, newest first.",
            discussion: """
                Dates are UTC: 2026-11-01 or 2026-11-01T10:00; an age such as 30d, 24h, 90m or 2w counts \
                back from now. JSON is one array of objects whose keys are always present (absent values \
                are null); CSV (RFC 4180) has the same columns under a header row.
                """
        )

        @OptionGroup var store: StoreOptions

        @Flag(help: "Only events that need action: bounces and submission failures.")
        var failed = false

        @Option(help: ArgumentHelp("Events at or after this date or age (e.g. 7d).", valueName: "when"),
                transform: { try PointInTime.parse($0) })
        var since: Date?

        @Option(help: ArgumentHelp("Events before this date or age.", valueName: "when"),
                transform: { try PointInTime.parse($0) })
        var until: Date?

        @Option(help: ArgumentHelp("Events about this address (any case).", valueName: "address"))
        var recipient: String?

        @Option(help: ArgumentHelp("Events with this reason (userunknown, mailboxfull, blocked, …).", valueName: "reason"))
        var reason: String?

        @Option(help: ArgumentHelp("Events of this kind (bounce, delay, delivered, unrecognized, …).", valueName: "kind"))
        var kind: String?

        @Option(help: ArgumentHelp("Events about mail this ERP user sent (bounces matched to it, submission errors).",
                                   valueName: "code"))
        var user: String?

        @Option(help: ArgumentHelp("Events matched to this outgoing message (the number `events send` prints).",
                                   valueName: "id"))
        var outgoing: Int64?

        @Option(help: ArgumentHelp("At most this many events; 0 for all.", valueName: "n"))
        var limit = 100

        @Option(help: "Output format: table, json or csv.")
        var format: ListFormat = .table

        func validate() throws {
            if limit < 0 { throw ValidationError("--limit takes a count, 0 or more (0 lists every event).") }
        }

        var filter: EventFilter {
            EventFilter(failedOnly: failed, since: since, until: until, recipient: recipient, reason: reason, kind: kind,
                        userCode: user, outgoingID: outgoing)
        }

        func run() throws {
            try CommandFailure.reporting {
                let database = try store.openForReading()
                let printer = EventListPrinter(format: format, output: .standardOutput)
                var printed = 0
                var more = false
                // One row past the limit tells whether the list was cut.
                try database.forEachEvent(matching: filter, limit: limit == 0 ? nil : limit + 1) { event in
                    if limit > 0, printed == limit { more = true; return }
                    printer.print(event)
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
    case table, json, csv
}
