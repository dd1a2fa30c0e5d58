import BounceKit
import EventStore
import Foundation

/// Takes messages in, classifies them on every core, and stores each on one writer thread: a
/// message's ledger row and events in one transaction, skipped when its SHA-256 is already stored.
/// Only after a batch's commits are durable are its Maildir files marked processed, so a run killed
/// at any point loses nothing and a re-run stores nothing twice.
public final class StoringPipeline {
    public let store: EventStore
    public let classifier: MessageClassifier
    public let parserVersion: String
    public let maximumMessages: Int
    public let maximumBytes: Int
    private let markProcessed: (MaildirFile) throws(InputError) -> Void
    private let afterBatch: (IngestSummary) -> Void
    private var pending: [PendingMessage] = []
    private var pendingBytes = 0
    public private(set) var summary = IngestSummary()

    /// - Parameters:
    ///   - markProcessed: marks a Maildir file processed; called after its message is stored (or
    ///     found to be a duplicate) and durable.
    ///   - afterBatch: called with the running totals after each batch, for progress.
    public init(store: EventStore, classifier: MessageClassifier = MessageClassifier(), parserVersion: String,
                maximumMessages: Int = 256, maximumBytes: Int = 16 << 20,
                markProcessed: @escaping (MaildirFile) throws(InputError) -> Void = { _ in },
                afterBatch: @escaping (IngestSummary) -> Void = { _ in }) {
        self.store = store
        self.classifier = classifier
        self.parserVersion = parserVersion
        self.maximumMessages = maximumMessages
        self.maximumBytes = maximumBytes
        self.markProcessed = markProcessed
        self.afterBatch = afterBatch
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
        if pending.count >= maximumMessages || pendingBytes >= maximumBytes { try flush() }
    }

    /// Stores whatever is pending and returns the totals.
    public func finish() throws(StoreError) -> IngestSummary {
        try flush()
        return summary
    }

    private struct Prepared: Sendable {
        let digest: [UInt8]
        let classification: Classification
    }

    private func flush() throws(StoreError) {
        guard !pending.isEmpty else { return }
        let batch = pending
        pending.removeAll(keepingCapacity: true)
        pendingBytes = 0
        let classifier = self.classifier
        let prepared = batch.concurrentMap { message in
            Prepared(digest: SHA256.hash(message.bytes), classification: classifier.classification(for: message.bytes))
        }
        let receivedAt = Date()
        let parserVersion = self.parserVersion
        var summary = self.summary
        try store.writing("storing messages") { session in
            var storedAny = false
            for (message, prepared) in zip(batch, prepared) {
                let classification = prepared.classification
                let entry = LedgerEntry(sourceKind: message.sourceKind, sourceRef: message.sourceRef,
                                        messageID: classification.messageID, sha256: Data(prepared.digest),
                                        size: message.bytes.count, receivedAt: receivedAt, parserVersion: parserVersion,
                                        outcome: classification.outcome, raw: Data(message.bytes))
                let events = classification.events(receivedAt: receivedAt)
                switch try session.store(entry, events: events) {
                case .stored:
                    storedAny = true
                    summary.stored += 1
                    if classification.isUnrecognized { summary.unrecognized += 1 }
                    for event in events { summary.eventsByKind[event.kind, default: 0] += 1 }
                case .duplicate:
                    summary.duplicates += 1
                }
            }
            if storedAny { try session.makeDurable() }
        }
        for message in batch {
            guard let file = message.file else { continue }
            do { try markProcessed(file) } catch { summary.failures.append(error) }
        }
        self.summary = summary
        afterBatch(summary)
    }
}
