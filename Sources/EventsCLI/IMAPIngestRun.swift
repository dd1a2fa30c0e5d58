import EventStore
import Foundation
import Ingest
import Logging
import MailCore

/// `events ingest --imap …`: one pass over the folder, or with --watch, passes for as long as the
/// process runs, woken by IMAP IDLE and reconnecting with backoff after network faults.
struct IMAPIngestRun {
    let settings: IMAPSettings
    let store: EventStore
    let runner: ClassifierRunner
    let batchSize: Int
    let now: @Sendable () -> Date
    let logger = Log.ingest
    /// This worker's claim on the folder, the same for every pass.
    let lease: FolderLease

    init(settings: IMAPSettings, store: EventStore, runner: ClassifierRunner, batchSize: Int,
         now: @escaping @Sendable () -> Date) {
        self.settings = settings
        self.store = store
        self.runner = runner
        self.batchSize = batchSize
        self.now = now
        lease = FolderLease(store: store, name: settings.mailbox.cursorKey, duration: TimeInterval(settings.lease))
    }

    /// IDLE is renewed before servers' 30-minute limit (RFC 2177 asks for at least every 29 minutes).
    static let idleSeconds = 25 * 60
    /// Without IDLE, the folder is polled this often.
    static let pollSeconds = 60
    static let maximumBackoff = 60

    /// One pass; returns the exit status (0, or 1 after a failure, which has been reported).
    func runOnce() throws -> Int32 {
        let verifier = try CertificateCheck.verifier(for: settings.trust, logger: logger)
        let progress = Progress()
        let connection = try connect(verifier)
        let outcome = try pass(on: connection, progress: progress, stop: nil)
        progress.finish()
        if outcome.error == nil { connection.logout() }
        report(outcome, seconds: progress.seconds)
        return outcome.error == nil && outcome.summary.failures.isEmpty ? 0 : 1
    }

    /// Runs until SIGINT or SIGTERM; returns the exit status (0 on a requested stop).
    func watch() throws -> Int32 {
        let stop = StopSignal()
        let verifier = try CertificateCheck.verifier(for: settings.trust, logger: logger)
        var backoff = 1
        logger.info("watching \(settings.mailbox) (after: \(settings.after)); stop with SIGINT or SIGTERM")
        while !stop.isRequested {
            do {
                let connection = try connect(verifier)
                backoff = 1
                while !stop.isRequested {
                    let progress = Progress()
                    let outcome = try pass(on: connection, progress: progress, stop: stop)
                    progress.finish()
                    if outcome.summary.read > 0 || !outcome.summary.failures.isEmpty {
                        report(outcome, seconds: progress.seconds)
                    }
                    if let error = outcome.error { throw error }
                    if stop.isRequested { break }
                    if outcome.heldBy != nil {
                        // Another worker reads the folder: stand by, and try again well within the
                        // time its lease would take to run out if it died.
                        guard stop.sleep(seconds: max(1, min(settings.lease / 3, Self.pollSeconds))) else { break }
                        try connection.noop()
                        continue
                    }
                    if connection.supportsIdle {
                        if try connection.idle(seconds: Self.idleSeconds, interruptFD: stop.readFD) == .interrupted { break }
                    } else {
                        guard stop.sleep(seconds: Self.pollSeconds) else { break }
                        try connection.noop()
                    }
                }
                connection.logout()
            } catch let error as IMAPError where error.isTransient {
                if stop.isRequested { break }
                logger.warning("\(error); reconnecting in \(backoff) s")
                guard stop.sleep(seconds: backoff) else { break }
                backoff = min(backoff * 2, Self.maximumBackoff)
            } catch let error as StoreError where error.isUnavailable {
                // A database server restarting or failing over: what was committed stays, the
                // cursor says where to go on.
                if stop.isRequested { break }
                logger.warning("\(error); trying again in \(backoff) s")
                guard stop.sleep(seconds: backoff) else { break }
                backoff = min(backoff * 2, Self.maximumBackoff)
            }
        }
        logger.info("stopped watching \(settings.mailbox)")
        Output.standardOutput.flush()
        return 0
    }

    private func connect(_ verifier: @escaping IMAPConnection.ChainVerifier) throws -> IMAPConnection {
        let connection = IMAPConnection(endpoint: settings.mailbox.endpoint, timeout: settings.timeout)
        try connection.connect(verifyChain: settings.mailbox.endpoint.security == .none ? nil : verifier)
        do {
            try connection.login(try settings.credentials.credential())
        } catch IMAPError.oauth2Rejected where settings.credentials.isRenewable {
            // A cached token the server no longer takes (revoked, cut short): renew it once. A
            // failed XOAUTH2 exchange leaves the session unauthenticated, so the same connection
            // takes the second try.
            try connection.login(try settings.credentials.credential(renew: true))
        }
        return connection
    }

    private func pass(on connection: IMAPConnection, progress: Progress, stop: StopSignal?) throws -> IMAPFolderIngestion.Outcome {
        let ingestion = IMAPFolderIngestion(mailbox: settings.mailbox, after: settings.after, fetchMessages: min(batchSize, 256),
                                            log: { [logger] in logger.notice("\($0)") })
        let store = self.store, batchSize = self.batchSize, runner = self.runner, now = self.now
        return try ingestion.run(on: connection, store: store, lease: lease, makePipeline: { source in
            StoringPipeline(store: store, source: source, runner: runner, parserVersion: EventsVersion.string,
                            maximumMessages: batchSize, now: now,
                            afterBatch: { progress.update(done: $0.read, total: $0.expected, noun: "messages") })
        }, shouldStop: { stop?.isRequested ?? false })
    }

    private func report(_ outcome: IMAPFolderIngestion.Outcome, seconds: Double) {
        if let holder = outcome.heldBy {
            Output.standardError.write("events: \(settings.mailbox) is being read by another worker (\(holder)); "
                                       + "this one read nothing\n")
            return
        }
        if outcome.leaseLost {
            Output.standardError.write("events: another worker took \(settings.mailbox) over while this one was slow "
                                       + "(longer than --lease \(settings.lease) s); stopped after what was stored\n")
        }
        for failure in outcome.summary.failures {
            Output.standardError.write("events: \(failure)\n")
        }
        Output.standardOutput.write(Events.Ingest.summaryLine(outcome.summary, seconds: seconds) + "\n")
        Output.standardOutput.flush()
        try? Events.Ingest.noteUnattributed(outcome.summary, in: store)
        if let error = outcome.error {
            var text = "events: \(error)"
            if outcome.uidValidity != 0 {
                text += "; everything up to UID \(outcome.lastUID) is stored and the next run continues from there"
            }
            Output.standardError.write(text + "\n")
        }
    }
}
