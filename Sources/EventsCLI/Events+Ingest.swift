import ArgumentParser
import EventStore
import Foundation
import Ingest
import Sender

extension Events {
    /// `events ingest`: classify and store, idempotently; made for scheduled runs.
    struct Ingest: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ingest",
            abstract: "Classify messages and store them with their events; safe to repeat, overlap and kill.",
            discussion: """
                --maildir DIR reads DIR/new and the messages in DIR/cur not yet marked Seen. Each message's \
                ledger row and events are committed in one transaction; only then is the message marked \
                processed (moved to cur/ with the Seen flag, or into --processed-folder). A message whose \
                SHA-256 is already stored is not stored again, so re-runs, overlapping runs and runs after \
                a crash are safe. - reads one message or an mbox stream from standard input.

                --imap imaps://USER@HOST[:PORT]/FOLDER reads an IMAP folder (imap:// upgrades with \
                STARTTLS, which is then required). The server's certificate is verified against the system's \
                roots, or --ca-file's, and the host name before anything is sent. Messages above the folder's \
                cursor (its UIDVALIDITY and the highest UID stored) are fetched in batches; the cursor moves \
                in the same transaction as each batch, and only then are the batch's messages marked as \
                --after says. --watch then stays connected and takes new mail as it arrives (IDLE).

                Settings can live in a config file (--config FILE, else $EVENTS_CONFIG, else \
                $XDG_CONFIG_HOME/mailevents/config when it exists, over /etc/mailevents/config): one 'key = value' per line, keys named \
                after the long options (imap, password-file, after, db, ...), so a timer runs just \
                'events ingest'. The command line wins over the file.

                Each message is classified in a worker process (one per core): a message that crashes the \
                parser, or takes longer than --message-time-limit, is stored as unrecognised with that cause \
                and the run goes on. Maildir files are read only if they are regular files, never through a \
                symbolic link; anything else is reported and left in place. A standard input that ends inside \
                a line was cut short: its last message is stored as unrecognised, and the run exits 1.

                Several workers (on one host, or on several sharing a PostgreSQL database: --db \
                postgresql://USER@HOST/DB) may take the same source. An IMAP folder is read by one worker \
                at a time: it holds the folder's lease in the database, renewed while it reads; the others \
                wait, and take over once a dead worker's lease has run out (--lease). A Maildir with \
                --shards N is split into N parts that workers claim the same way. A message is never stored \
                twice: its SHA-256 is unique.

                The run ends with one summary line. Exit status: 0 when every message was read and stored \
                (unrecognised messages and duplicates included), 1 on a failure (a missing Maildir, an \
                unreadable file, a database that cannot be opened or written, a server that cannot be reached \
                or refuses the login), 2 on a usage error. What was stored before a failure stays stored.

                Examples:
                  events ingest --maildir /var/mail/events/Maildir
                  events ingest --imap imaps://events@firm.ee@imap.firm.ee/INBOX --password-file /etc/mailevents/imap-pw
                  events ingest --imap imaps://events@firm.ee@outlook.office365.com/INBOX --oauth2-account events-box --watch
                  events ingest < report.eml
                  events ingest --maildir /srv/mail/events/Maildir --shards 16 --db postgresql://events@db.firm.ee/events
                """
        )

        @OptionGroup var store: StoreOptions
        @OptionGroup var keys: KeyOptions

        @Option(help: ArgumentHelp("A Maildir to take messages from.", valueName: "dir"))
        var maildir: String?

        @Option(help: ArgumentHelp(
            "Move processed messages into this Maildir's cur/ instead (created if missing; same file system).",
            valueName: "dir"))
        var processedFolder: String?

        @Argument(help: ArgumentHelp("- to read one message or an mbox stream from standard input.", valueName: "-"))
        var source: String?

        @Option(help: ArgumentHelp("Messages committed per transaction (read and classified 3 MB at a time; from IMAP, "
                                   + "at most 3 MB a transaction).", valueName: "n"))
        var batchSize = 4096

        @OptionGroup(title: "IMAP") var imapOptions: IMAPOptions
        @OptionGroup(title: "Several workers") var workers: WorkerOptions
        @OptionGroup var isolation: IsolationOptions

        @Option(help: ArgumentHelp(
            "Settings file (default: $EVENTS_CONFIG, else $XDG_CONFIG_HOME/mailevents/config if it exists).",
            valueName: "file"))
        var config: String?

        func validate() throws {
            if let source, source != "-" {
                throw ValidationError("'\(source)' is not a source: give --maildir DIR, or - to read standard input "
                                      + "(for a file: events ingest - < FILE).")
            }
            let sources = [maildir.map { _ in "--maildir" }, source, imapOptions.imap.map { _ in "--imap" }].compactMap { $0 }
            if sources.count > 1 {
                throw ValidationError("Give one source: \(sources.joined(separator: " or ")), not both.")
            }
            if !(1...100_000).contains(batchSize) {
                throw ValidationError("--batch-size takes a number of messages from 1 to 100000.")
            }
            if processedFolder != nil, maildir == nil && source == nil && imapOptions.imap == nil {
                return // may complete a config file's maildir
            }
            if processedFolder != nil, maildir == nil {
                throw ValidationError("--processed-folder applies to --maildir only.")
            }
            if workers.shards != nil, imapOptions.imap != nil || source != nil {
                throw ValidationError("--shards applies to --maildir only.")
            }
            if workers.lease != nil, source != nil {
                throw ValidationError("--lease applies to --imap and --maildir only.")
            }
            if imapOptions.givesIMAPOnlyOptions, maildir != nil || source != nil {
                throw ValidationError("--tls, --ca-file, --insecure, credentials, --after, --timeout and --watch apply to --imap only.")
            }
        }

        func run() throws {
            try CommandFailure.reporting {
                var maildir = self.maildir, processedFolder = self.processedFolder
                var imapOptions = self.imapOptions
                let environment = ProcessInfo.processInfo.environment
                let sources = try ConfigSources.load(explicit: self.config, environment: environment)
                let config = sources.merged
                if let config {
                    if maildir == nil && source == nil && imapOptions.imap == nil {
                        maildir = config.string("maildir")
                        imapOptions.imap = config.string("imap")
                        processedFolder = processedFolder ?? config.string("processed-folder")
                    }
                }
                if maildir == nil && source == nil && imapOptions.imap == nil {
                    let hint = config.map { _ in " (the config file names none: \(sources.placesToSet))" }
                        ?? " (no config file at \(sources.placesToSet))"
                    throw ValidationError("Nothing to ingest: give --imap URL, --maildir DIR or -\(hint).")
                }
                if maildir != nil && imapOptions.imap != nil {
                    throw CommandFailure("the config file \(config?.path ?? "") names both maildir and imap; keep one")
                }
                var keys = self.keys
                keys.keyDir = try? keys.path(config: sources) // no place for keys: every tag is unverified
                let database = try store.open(config: sources)
                let runner = isolation.runner(try TagMatching.classifier(store: database, keys: keys))
                let clock = try Now.clock()
                if imapOptions.imap != nil {
                    let settings = try IMAPSettings(options: imapOptions, lease: workers.leaseSeconds(config: config), config: config,
                                                    tokens: AccessTokens(store: try keys.tokenStore()), environment: environment)
                    let run = IMAPIngestRun(settings: settings, store: database, runner: runner, batchSize: batchSize, now: clock)
                    let status = try settings.watch ? run.watch() : run.runOnce()
                    if status != 0 { throw ExitCode(status) }
                    return
                }
                let progress = Progress()
                let afterBatch = { (summary: IngestSummary) in
                    progress.update(done: summary.read, total: summary.expected, noun: "messages")
                }
                let summary: IngestSummary
                if let maildir {
                    let source = try MaildirSource(path: maildir, processedFolder: processedFolder)
                    let shards = try workers.shardCount(config: config)
                    if shards > 1 {
                        let ingestion = ShardedMaildirIngestion(store: database, path: source.path, shards: shards,
                                                                leaseDuration: TimeInterval(try workers.leaseSeconds(config: config)))
                        summary = try ingestion.run { shard, lease in
                            let part = try MaildirSource(path: source.path, processedFolder: processedFolder, shard: shard)
                            return try StoringPipeline(store: database, source: part, runner: runner,
                                                       parserVersion: EventsVersion.string, maximumMessages: batchSize,
                                                       now: clock, afterBatch: { summary in
                                                           afterBatch(summary)
                                                           _ = lease.renewIfDue()
                                                       }).run()
                        }
                    } else {
                        summary = try StoringPipeline(store: database, source: source, runner: runner,
                                                      parserVersion: EventsVersion.string, maximumMessages: batchSize,
                                                      now: clock, afterBatch: afterBatch).run()
                    }
                } else {
                    summary = try StoringPipeline(store: database, source: StreamSource(), runner: runner,
                                                  parserVersion: EventsVersion.string, maximumMessages: batchSize,
                                                  now: clock, afterBatch: afterBatch).run()
                }
                progress.finish()
                for failure in summary.failures {
                    Output.standardError.write("events: \(failure)\n")
                }
                Output.standardOutput.write(Self.summaryLine(summary, seconds: progress.seconds) + "\n")
                Output.standardOutput.flush()
                try Self.noteUnattributed(summary, in: database)
                if !summary.failures.isEmpty { throw ExitCode(1) }
            }
        }

        /// Says, when there are companies, how many stored messages were delivered to an event
        /// address that names none of them (a company not added yet, or a mistyped address).
        static func noteUnattributed(_ summary: IngestSummary, in database: EventStore) throws {
            guard summary.unattributed > 0, try database.companyCount() > 0 else { return }
            Output.standardError.write("events: \(summary.unattributed) message(s) were delivered to an event address that names "
                                       + "no company; they are kept unattributed: `events list --unattributed`\n")
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
