import ArgumentParser
import EventStore
import Foundation

extension Events {
    /// `events prune`: drop old raw messages, keeping their ledger rows and events.
    struct Prune: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "prune",
            abstract: "Drop the raw bytes of messages taken in long ago; their ledger rows and events stay.",
            discussion: """
                Pruned messages can no longer be re-classified by `events reparse`. SQLite reuses the freed \
                space for new messages; `sqlite3 DB VACUUM` returns it to the file system.

                Examples:
                  events prune --older-than 90d
                  events prune --older-than 2026-06-01
                  events prune --older-than 30d --company acme
                """
        )

        @OptionGroup var store: StoreOptions
        @OptionGroup var company: CompanyOptions

        @Option(help: ArgumentHelp("Age (e.g. 180d) or date before which messages are pruned.", valueName: "when"),
                transform: { try PointInTime.parse($0) })
        var olderThan: Date

        func run() throws {
            try CommandFailure.reporting {
                let now = try Now.date()
                let database = try store.open()
                let company = try self.company.selection(in: database)
                let pruned = try database.pruneRaw(receivedBefore: olderThan, company: company, now: now)
                let megabytes = Double(pruned.bytes) / 1_000_000
                Output.standardOutput.write("prune: dropped the raw bytes of \(pruned.messages) messages "
                    + "(\(String(format: "%.1f", megabytes)) MB) taken in before \(UTCTime.full(olderThan)); "
                    + "their events are kept\n")
                Output.standardOutput.flush()
            }
        }
    }
}
