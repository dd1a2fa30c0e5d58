import BounceKit
import EventStore
import Foundation

/// Takes messages in, classifies them on every core, and stores each on one writer thread: a
/// message's ledger row and events in one transaction, skipped when its SHA-256 is already stored.
/// Messages are committed in batches (a message's ledger row and events always in the same
/// transaction) and only after a batch's commit is on disk are its Maildir files marked processed,
/// so a run killed at any point loses nothing and a re-run stores nothing twice.
public final class StoringPipeline {
    public let store: EventStore
    public let classifier: MessageClassifier
    public let parserVersion: String
    public let maximumMessages: Int
    public let maximumBytes: Int
    /// The time a message is taken in at (the wall clock, or a pinned moment in tests).
    public let now: @Sendable () -> Date
    private let markProcessed: @Sendable (MaildirFile) throws(InputError) -> Void
    /// Marks files on its own thread, batch after batch, each only after its batch's commit, so
    /// that the writer can go on with the next batch meanwhile.
    private let marking = DispatchQueue(label: "events.marking")
    private let markingFailures = Failures()
    private let afterBatch: (IngestSummary) -> Void
    private let cursorAfter: ([PendingMessage]) -> Cursor?
    private let afterCommit: ([PendingMessage]) -> Void
    private var pending: [PendingMessage] = []
    private var pendingBytes = 0
    public private(set) var summary = IngestSummary()

    /// - Parameters:
    ///   - markProcessed: marks a Maildir file processed; called, on another thread, after its
    ///     message is stored (or found to be a duplicate) and durable.
    ///   - cursorAfter: for an incremental source, the position reached once a batch is stored;
    ///     saved in the batch's transaction.
    ///   - afterCommit: called with each batch's messages once they are durable (stored or found to
    ///     be duplicates), on the thread that adds messages: to mark IMAP messages processed.
    ///   - afterBatch: called with the running totals after each batch, for progress.
    public init(store: EventStore, classifier: MessageClassifier = MessageClassifier(), parserVersion: String,
                maximumMessages: Int = 1024, maximumBytes: Int = 16 << 20, now: @escaping @Sendable () -> Date = { Date() },
                markProcessed: @escaping @Sendable (MaildirFile) throws(InputError) -> Void = { _ in },
                cursorAfter: @escaping ([PendingMessage]) -> Cursor? = { _ in nil },
                afterCommit: @escaping ([PendingMessage]) -> Void = { _ in },
                afterBatch: @escaping (IngestSummary) -> Void = { _ in }) {
        self.store = store
        self.classifier = classifier
        self.parserVersion = parserVersion
        self.maximumMessages = maximumMessages
        self.maximumBytes = maximumBytes
        self.now = now
        self.markProcessed = markProcessed
        self.cursorAfter = cursorAfter
        self.afterCommit = afterCommit
        self.afterBatch = afterBatch
    }

    /// A run that ends early (a database error) still lets the committed batches' files be marked.
    deinit {
        marking.sync {}
    }

    /// Announces how many messages to expect, for progress.
    public func expect(_ count: Int) {
        summary.expected = count
    }

    /// Records a file that could not be read; the run goes on.
    public func fail(_ error: InputError) {
        summary.failures.append(error)
    }

    public func add(_ message: PendingMessage) throws(StoreError) {
        summary.read += 1
        pending.append(message)
        pendingBytes += message.bytes.count
        if pending.count >= maximumMessages || pendingBytes >= maximumBytes { try submit() }
    }

    /// Stores whatever is pending and returns the totals.
    public func finish() throws(StoreError) -> IngestSummary {
        try submit()
        if let last = inFlight {
            inFlight = nil
            try write(last)
        }
        marking.sync {}
        summary.failures += markingFailures.takeAll()
        return summary
    }

    /// A batch being classified in the background. `prepared` is written by the worker before it
    /// signals `done` and read only after waiting on `done`.
    private final class Batch: @unchecked Sendable {
        let messages: [PendingMessage]
        let done = DispatchSemaphore(value: 0)
        var prepared: [Prepared] = []

        init(messages: [PendingMessage]) {
            self.messages = messages
        }
    }

    private struct Prepared: Sendable {
        let message: WriteSession.Message
        let unrecognized: Bool
    }

    private var inFlight: Batch?

    /// Starts classifying the pending messages on every core, and meanwhile stores the batch
    /// classified before: the writer works while the next batch is being classified.
    private func submit() throws(StoreError) {
        guard !pending.isEmpty else { return }
        let batch = Batch(messages: pending)
        pending.removeAll(keepingCapacity: true)
        pendingBytes = 0
        let classifier = self.classifier
        let parserVersion = self.parserVersion
        let now = self.now
        DispatchQueue.global().async {
            batch.prepared = batch.messages.concurrentMap { message in
                Self.prepare(message, classifier: classifier, parserVersion: parserVersion, receivedAt: now())
            }
            batch.done.signal()
        }
        let previous = inFlight
        inFlight = batch
        if let previous { try write(previous) }
    }

    private static func prepare(_ message: PendingMessage, classifier: MessageClassifier,
                                parserVersion: String, receivedAt: Date) -> Prepared {
        let classification = classifier.classification(for: message.bytes)
        let entry = LedgerEntry(sourceKind: message.sourceKind, sourceRef: message.sourceRef,
                                messageID: classification.messageID, sha256: Data(MessageDigest.sha256(message.bytes)),
                                size: message.bytes.count, receivedAt: receivedAt, parserVersion: parserVersion,
                                outcome: classification.outcome, raw: Data(message.bytes))
        return Prepared(message: (entry, classification.events(receivedAt: receivedAt)),
                        unrecognized: classification.isUnrecognized)
    }

    /// Stores a classified batch in one transaction, then marks its Maildir files processed.
    private func write(_ batch: Batch) throws(StoreError) {
        batch.done.wait()
        let cursor = cursorAfter(batch.messages)
        let results = try store.writing("storing messages") { session in
            try session.store(batch.prepared.map(\.message), advancing: cursor)
        }
        for (prepared, result) in zip(batch.prepared, results) {
            switch result {
            case .stored:
                summary.stored += 1
                if prepared.unrecognized { summary.unrecognized += 1 }
                for event in prepared.message.events { summary.eventsByKind[event.kind, default: 0] += 1 }
            case .duplicate:
                summary.duplicates += 1
            }
        }
        let files = batch.messages.compactMap(\.file)
        if !files.isEmpty {
            let markProcessed = self.markProcessed, failures = markingFailures
            marking.async {
                for file in files {
                    do throws(InputError) { try markProcessed(file) } catch { failures.append(error) }
                }
            }
        }
        afterCommit(batch.messages)
        afterBatch(summary)
    }
}

/// Errors collected on the marking thread, handed to the summary at the end.
private final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var errors: [InputError] = []

    func append(_ error: InputError) {
        lock.withLock { errors.append(error) }
    }

    func takeAll() -> [InputError] {
        lock.withLock {
            defer { errors = [] }
            return errors
        }
    }
}
