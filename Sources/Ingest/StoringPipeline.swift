import BounceKit
import EventStore
import Foundation

/// Takes a source's messages in, classifies them (`ClassifierRunner`: on every core, or in isolated
/// worker processes) and stores each on one writer thread: a message's ledger row and events,
/// skipped when its SHA-256 is already stored. Messages are read, classified and stored in batches
/// of at most `maximumBytes` and half `maximumMessages`, and committed together with the source's
/// cursor in transactions of `maximumMessages` (several batches: `StoringTransaction`; at most
/// `maximumTransactionBytes`; one batch for a source that writes while reading). Only after a
/// transaction's commit is on disk are its messages marked processed in the source, so a run
/// killed at any point loses nothing and a re-run stores nothing twice. Knows no kind of source:
/// they are all `MessageSource`s.
public final class StoringPipeline<Source: MessageSource> {
    public let store: EventStore
    public let source: Source
    public let runner: ClassifierRunner
    public let parserVersion: String
    /// Messages a transaction commits at most (and a batch, when each batch is a transaction).
    public let maximumMessages: Int
    /// Bytes of messages a batch holds at most: what the run keeps in memory (two batches, one
    /// being classified while the other is stored).
    public let maximumBytes: Int
    /// Bytes of messages a transaction commits at most: bounds the log and what a killed run
    /// reads again.
    public let maximumTransactionBytes: Int
    /// The time a message is taken in at (the wall clock, or a pinned moment in tests).
    public let now: @Sendable () -> Date
    private let afterBatch: (IngestSummary) -> Void
    /// Messages a batch holds at most: half a transaction's, so that a transaction of small
    /// messages is two batches of the same size, each classified while the other is stored; a
    /// whole transaction's for a source that commits each batch.
    private let batchMessages: Int
    private var pending: [SourceMessage<Source.Handle>] = []
    private var pendingBytes = 0
    private var inFlight: Batch<Source.Handle>?
    /// Messages and bytes of the batches submitted since the last batch that ends a transaction.
    private var transactionMessages = 0
    private var transactionBytes = 0
    private let transaction: any StoringTransaction
    /// Whether every batch ends its transaction: the source writes while reading, or the store
    /// commits each batch anyway.
    private let batchPerTransaction: Bool
    /// The batches stored since the last commit: marked and counted once it is done.
    private var uncommitted: [(handles: [Source.Handle], counts: IngestSummary)] = []
    public private(set) var summary = IngestSummary()

    /// - Parameter afterBatch: called with the running totals for each batch once its transaction
    ///   is committed and its messages marked, for progress (and a Maildir part's lease renewal).
    public init(store: EventStore, source: Source, runner: ClassifierRunner, parserVersion: String,
                maximumMessages: Int = 4096, maximumBytes: Int = 3 << 20, maximumTransactionBytes: Int = 64 << 20,
                now: @escaping @Sendable () -> Date = { Date() },
                afterBatch: @escaping (IngestSummary) -> Void = { _ in }) {
        self.store = store
        self.source = source
        self.runner = runner
        self.parserVersion = parserVersion
        self.maximumMessages = maximumMessages
        self.maximumBytes = maximumBytes
        self.maximumTransactionBytes = maximumTransactionBytes
        transaction = store.storingTransaction()
        batchPerTransaction = source.writesWhileReading || transaction.commitsEachBatch
        batchMessages = batchPerTransaction ? maximumMessages : max(1, (maximumMessages + 1) / 2)
        self.now = now
        self.afterBatch = afterBatch
    }

    /// Stores every pending message of the source and returns the totals. A source that cannot be
    /// listed any further ends the run after what was read is stored, with a failure in the summary.
    public func run() throws(StoreError) -> IngestSummary {
        MemoryRelease.limitArenas()
        do {
            summary.expected = try source.pendingCount()
            try source.forEachPending { message in try add(message) }
        } catch let error as StoreError {
            transaction.rollback()
            _ = source.finish()
            throw error
        } catch let error as InputError {
            summary.failures.append(error)
        } catch {
            summary.failures.append(InputError(path: "\(Source.self)", reason: "\(error)"))
        }
        do {
            try submit()
            if let last = inFlight {
                inFlight = nil
                try write(last)
            }
            try commit()
        } catch {
            transaction.rollback()
            _ = source.finish()
            throw error
        }
        summary.failures += source.finish()
        return summary
    }

    private func add(_ message: SourceMessage<Source.Handle>) throws(StoreError) {
        summary.read += 1
        pending.append(message)
        pendingBytes += message.bytes.count
        if pending.count >= batchMessages || pendingBytes >= maximumBytes
            || transactionMessages + pending.count >= maximumMessages { try submit() }
    }

    /// Starts classifying the pending messages, and meanwhile stores the batch classified before:
    /// the writer works while the next batch is being classified.
    private func submit() throws(StoreError) {
        guard !pending.isEmpty else { return }
        transactionMessages += pending.count
        transactionBytes += pendingBytes
        let endsTransaction = batchPerTransaction || transactionMessages >= maximumMessages
            || transactionBytes >= maximumTransactionBytes
        if endsTransaction {
            transactionMessages = 0
            transactionBytes = 0
        }
        let batch = Batch<Source.Handle>(messages: pending, endsTransaction: endsTransaction)
        pending.removeAll(keepingCapacity: true)
        pendingBytes = 0
        let runner = self.runner, parserVersion = self.parserVersion, kind = source.sourceKind, now = self.now
        // A queue of the batch's own, which gets a thread of its own (a serial queue's target is
        // overcommitting): classifying never waits for a thread of the global queues, which the
        // caller itself may be holding (a test on Swift Testing's threads, blocked on the batch
        // it waits for). Each batch may start at once, as on the global queue.
        DispatchQueue(label: "events.storing-pipeline.classifying").async {
            do {
                let classified = Array(zip(batch.messages, runner.classify(batch.messages.map(\.bytes),
                                                                           defects: batch.messages.map(\.defect))))
                batch.prepared = classified.concurrentMap { message, classification in
                    Prepared(message, classification, kind: kind, parserVersion: parserVersion,
                             receivedAt: now())
                }
            }
            // The prepared messages alone hold the bytes now, so writing can let each go.
            batch.messages = []
            batch.done.signal()
        }
        let previous = inFlight
        inFlight = batch
        if let previous { try write(previous) }
    }

    /// Stores a classified batch with the source's cursor in the run's transaction, and commits
    /// it when the batch ends the transaction.
    private func write(_ batch: Batch<Source.Handle>) throws(StoreError) {
        batch.done.wait()
        let handles = batch.handles
        let cursor = source.cursor(after: handles)
        let results = try transaction.store(batch.takeStoredMessages(), advancing: cursor)
        var counts = IngestSummary()
        for (prepared, result) in zip(batch.prepared, results) {
            switch result {
            case .stored:
                counts.stored += 1
                if prepared.unrecognized { counts.unrecognized += 1 }
                if prepared.message.entry.companyID == nil, prepared.message.entry.deliveredTo != nil {
                    counts.unattributed += 1
                }
                for event in prepared.message.events { counts.eventsByKind[event.kind, default: 0] += 1 }
            case .duplicate:
                counts.duplicates += 1
            }
        }
        uncommitted.append((handles, counts))
        batch.prepared = []
        if batch.endsTransaction { try commit() }
        MemoryRelease.afterBatch()
    }

    /// Commits the batches stored since the last commit, then has the source mark their messages
    /// processed and counts them.
    private func commit() throws(StoreError) {
        guard !uncommitted.isEmpty else { return }
        try transaction.commit()
        for (handles, counts) in uncommitted {
            summary.add(counts)
            source.markProcessed(handles)
            afterBatch(summary)
        }
        uncommitted.removeAll()
    }
}

/// A message ready for the store: its ledger row (without the raw bytes yet) and events, made on a
/// classifying thread, and the bytes as read.
private struct Prepared: Sendable {
    /// The ledger row's `raw` is nil: the row gets the bytes when the batch is written
    /// (`Batch.takeStoredMessages`).
    let message: StoredMessage
    /// The message as read; emptied once the ledger row holds them.
    var bytes: [UInt8]
    let unrecognized: Bool

    init<Handle>(_ message: SourceMessage<Handle>, _ classification: Classification, kind: LedgerEntry.SourceKind,
                 parserVersion: String, receivedAt: Date) {
        let entry = LedgerEntry(sourceKind: kind, sourceRef: message.sourceRef, messageID: classification.messageID,
                                sha256: Data(MessageDigest.sha256(message.bytes)), size: message.bytes.count,
                                receivedAt: receivedAt, parserVersion: parserVersion, outcome: classification.outcome,
                                companyID: classification.company?.companyID, deliveredTo: classification.company?.address,
                                raw: nil)
        self.message = (entry, classification.events(receivedAt: receivedAt))
        self.bytes = message.bytes
        self.unrecognized = classification.isUnrecognized
    }
}

/// A batch being classified in the background. `prepared` is written by the worker before it
/// signals `done` and read only after waiting on `done`.
private final class Batch<Handle: Sendable>: @unchecked Sendable {
    /// The messages as read; emptied by the worker once `prepared` holds them.
    var messages: [SourceMessage<Handle>]
    let handles: [Handle]
    /// Whether the transaction commits once this batch is stored.
    let endsTransaction: Bool
    let done = DispatchSemaphore(value: 0)
    var prepared: [Prepared] = []

    init(messages: [SourceMessage<Handle>], endsTransaction: Bool) {
        self.messages = messages
        self.handles = messages.map(\.handle)
        self.endsTransaction = endsTransaction
    }

    /// The ledger rows and events to store, each row with its raw bytes. Each message's bytes are
    /// copied into its row and the read copy let go at once, so the batch never holds its
    /// messages twice over (while the next batch is read and classified, memory holds two
    /// batches, not three).
    func takeStoredMessages() -> [StoredMessage] {
        var messages: [StoredMessage] = []
        messages.reserveCapacity(prepared.count)
        for index in prepared.indices {
            var message = prepared[index].message
            message.entry.raw = Data(prepared[index].bytes)
            prepared[index].bytes = []
            messages.append(message)
        }
        return messages
    }
}
