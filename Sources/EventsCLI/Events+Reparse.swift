import ArgumentParser
import EventStore
import Foundation
import Ingest

extension Events {
    /// `events reparse`: re-classify stored messages after a parser upgrade.
    struct Reparse: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reparse",
            abstract: "Re-classify stored messages and replace their events (after upgrading events).",
            discussion: """
                Each message's events are replaced in one transaction, so the events get new IDs. Messages \
                whose raw bytes were pruned keep the events they have. A message whose event address names a \
                company added since it arrived is attributed to that company.

                Examples:
                  events reparse
                  events reparse --since 30d
                  events reparse --company acme
                """
        )

        @OptionGroup var store: StoreOptions
        @OptionGroup var isolation: IsolationOptions
        @OptionGroup var keys: KeyOptions
        @OptionGroup var company: CompanyOptions

        @Option(help: ArgumentHelp("Only messages taken in at or after this date or age (e.g. 30d).", valueName: "when"),
                transform: { try PointInTime.parse($0) })
        var since: Date?

        func run() throws {
            try CommandFailure.reporting {
                let progress = Progress()
                let database = try store.open()
                let company = try self.company.selection(in: database)
                let total = try database.messageCounts(since: since, company: company)
                let summary = try Reparser(store: database, runner: isolation.runner(TagMatching.classifier(store: database, keys: keys)),
                                           parserVersion: EventsVersion.string).run(since: since, company: company) {
                    progress.update(done: $0.messages, total: total.messages - total.pruned, noun: "messages")
                }
                progress.finish()
                Output.standardOutput.write("reparse: \(summary.messages) messages re-classified, "
                    + "\(summary.unrecognized) unrecognised, \(summary.pruned) pruned kept their events; "
                    + "events: \(countsByKind(summary.eventsByKind)); \(formatSeconds(progress.seconds)) s\n")
                Output.standardOutput.flush()
            }
        }
    }
}
