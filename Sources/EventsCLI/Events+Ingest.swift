import ArgumentParser
import EventStore
import Ingest

extension Events {
    /// `events ingest`: classify and store, idempotently; made for scheduled runs.
    struct Ingest: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Classify messages and store them with their events; safe to repeat, overlap and kill.",
            discussion: """
                --maildir DIR reads DIR/new and the messages in DIR/cur not yet marked Seen. Each message's \
                ledger row and events are committed in one transaction; only then is the message marked \
                processed (moved to cur/ with the Seen flag, or into --processed-folder). A message whose \
                SHA-256 is already stored is not stored again, so re-runs, overlapping runs and runs after \
                a crash are safe. - reads one message or an mbox stream from standard input.

                The run ends with one summary line. Exit status: 0 when every message was read and stored \
                (unrecognised messages and duplicates included), 1 on a failure (a missing Maildir, an \
                unreadable file, a database that cannot be opened or written), 2 on a usage error.
                """
        )

        @OptionGroup var store: StoreOptions

        @Option(help: ArgumentHelp("A Maildir to take messages from.", valueName: "dir"))
        var maildir: String?

        @Option(help: ArgumentHelp(
            "Move processed messages into this Maildir's cur/ instead (created if missing; same file system).",
            valueName: "dir"))
        var processedFolder: String?

        @Argument(help: ArgumentHelp("- to read one message or an mbox stream from standard input.", valueName: "-"))
        var source: String?

        @Option(help: ArgumentHelp("Messages committed per transaction (at most 16 MB of them).", valueName: "n"))
        var batchSize = 1024

        func validate() throws {
            if let source, source != "-" {
                throw ValidationError("'\(source)' is not a source: give --maildir DIR, or - to read standard input "
                                      + "(for a file: events ingest - < FILE).")
            }
            switch (maildir, source) {
            case (nil, nil): throw ValidationError("Give --maildir DIR, or - to read standard input.")
            case (.some, .some): throw ValidationError("Give either --maildir DIR or -, not both.")
            default: break
            }
            if !(1...100_000).contains(batchSize) {
                throw ValidationError("--batch-size takes a number of messages from 1 to 100000.")
            }
            if processedFolder != nil, maildir == nil {
                throw ValidationError("--processed-folder applies to --maildir only.")
            }
        }

        func run() throws {
            try CommandFailure.reporting {
                let progress = Progress()
                let summary: IngestSummary
                if let maildir {
                    let source = try MaildirSource(path: maildir, processedFolder: processedFolder)
                    let pipeline = StoringPipeline(store: try store.open(), parserVersion: EventsVersion.string,
                                                   maximumMessages: batchSize, markProcessed: source.markProcessed,
                                                   afterBatch: { progress.update(done: $0.read, total: $0.expected, noun: "messages") })
                    summary = try pipeline.ingest(source)
                } else {
                    let bytes = try MessageInput.readStandardInput()
                    let pipeline = StoringPipeline(store: try store.open(), parserVersion: EventsVersion.string,
                                                   maximumMessages: batchSize, afterBatch: { progress.update(done: $0.read, total: $0.expected, noun: "messages") })
                    summary = try pipeline.ingest(standardInput: bytes)
                }
                progress.finish()
                for failure in summary.failures {
                    Output.standardError.write("events: \(failure)\n")
                }
                Output.standardOutput.write(Self.summaryLine(summary, seconds: progress.seconds) + "\n")
                Output.standardOutput.flush()
                if !summary.failures.isEmpty { throw ExitCode(1) }
            }
        }

        /// `ingest: 2000 messages read, 1990 stored, 10 duplicates skipped, 290 unrecognised, 0 failed;
        /// events: bounce 1400, delay 300, delivered 200, unrecognized 290; 0.42 s`
        static func summaryLine(_ summary: IngestSummary, seconds: Double) -> String {
            "ingest: \(summary.read) messages read, \(summary.stored) stored, \(summary.duplicates) duplicates skipped, "
                + "\(summary.unrecognized) unrecognised, \(summary.failures.count) failed; "
                + "events: \(countsByKind(summary.eventsByKind)); \(formatSeconds(seconds)) s"
        }
    }
}

/// `bounce 1400, delay 300`, largest first; `none` when empty.
func countsByKind(_ counts: [String: Int]) -> String {
    if counts.isEmpty { return "none" }
    return counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        .map { "\($0.key) \($0.value)" }.joined(separator: ", ")
}

func formatSeconds(_ seconds: Double) -> String {
    let hundredths = Int((seconds * 100).rounded())
    let fraction = hundredths % 100
    return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
}

extension CommandFailure {
    /// Runs `body`; a store, input or command failure is printed as `events: …` on standard error and
    /// the command exits 1. Exit codes and usage errors pass through.
    static func reporting(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as StoreError {
            throw fail(error.description)
        } catch let error as InputError {
            throw fail(error.description)
        } catch let error as CommandFailure {
            throw fail(error.description)
        }
    }

    private static func fail(_ message: String) -> ExitCode {
        Output.standardOutput.flush()
        Output.standardError.write("events: \(message)\n")
        return ExitCode(1)
    }
}
