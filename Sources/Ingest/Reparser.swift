import EventStore
import Foundation

/// Re-classifies stored messages (after a parser upgrade) and replaces their events, a batch of
/// messages per transaction. Messages whose raw bytes were pruned keep the events they have.
public struct Reparser {
    public let store: EventStore
    public let runner: ClassifierRunner
    public let parserVersion: String

    public init(store: EventStore, runner: ClassifierRunner = ClassifierRunner(classifier: MessageClassifier()),
                parserVersion: String) {
        self.store = store
        self.runner = runner
        self.parserVersion = parserVersion
    }

    /// What a reparse did.
    public struct Summary: Sendable, Equatable {
        /// Messages re-classified.
        public var messages = 0
        /// Of those, how many no detector recognised.
        public var unrecognized = 0
        /// Events they now have, by kind.
        public var eventsByKind: [String: Int] = [:]
        /// Messages in range whose raw bytes were pruned, so they could not be re-classified.
        public var pruned = 0

        public var events: Int { eventsByKind.values.reduce(0, +) }
    }

    /// Re-classifies the messages taken in at or after `since` (nil: all).
    public func run(since: Date?, afterBatch: (Summary) -> Void = { _ in }) throws(StoreError) -> Summary {
        var summary = Summary()
        summary.pruned = try store.messageCounts(since: since).pruned
        let parserVersion = self.parserVersion
        try store.forEachStoredMessageBatch(since: since) { batch in
            let classifications = runner.classify(batch.map { $0.raw.map { [UInt8]($0) } ?? [] })
            var replacements: [(ledgerID: Int64, events: [Event], outcome: LedgerEntry.Outcome)] = []
            for (entry, classification) in zip(batch, classifications) {
                guard let id = entry.id else { continue }
                let events = classification.events(receivedAt: entry.receivedAt)
                replacements.append((id, events, classification.outcome))
                summary.messages += 1
                if classification.isUnrecognized { summary.unrecognized += 1 }
                for event in events { summary.eventsByKind[event.kind, default: 0] += 1 }
            }
            try store.writing("replacing events") { session in
                try session.replaceEvents(replacements, parserVersion: parserVersion)
            }
            afterBatch(summary)
        }
        return summary
    }
}
