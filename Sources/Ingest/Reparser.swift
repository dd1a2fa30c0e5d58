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

    /// Re-classifies the messages taken in at or after `since` (nil: all) of the selected company.
    /// A message whose headers now name a known company (one added since it arrived) is attributed
    /// to it; one attributed before keeps its company otherwise.
    public func run(since: Date?, company: CompanySelection = .any,
                    afterBatch: (Summary) -> Void = { _ in }) throws(StoreError) -> Summary {
        var summary = Summary()
        summary.pruned = try store.messageCounts(since: since, company: company).pruned
        let parserVersion = self.parserVersion
        try store.forEachStoredMessageBatch(since: since, company: company) { batch in
            let classifications = runner.classify(batch.map { $0.raw.map { [UInt8]($0) } ?? [] })
            var replacements: [EventReplacement] = []
            for (entry, var classification) in zip(batch, classifications) {
                guard let id = entry.id else { continue }
                let named = classification.company.flatMap { attribution in
                    attribution.companyID.map { (id: $0, deliveredTo: Optional(attribution.address)) }
                }
                if named == nil, entry.companyID != nil, runner.classifier.matcher != nil {
                    // Kept in its stored company: match again as that company's.
                    classification.company = CompanyAttribution(companyID: entry.companyID, address: entry.deliveredTo ?? "")
                    classification = runner.classifier.rematched(classification)
                }
                let events = classification.events(receivedAt: entry.receivedAt)
                replacements.append(.init(ledgerID: id, events: events, outcome: classification.outcome, company: named))
                summary.messages += 1
                if classification.isUnrecognized { summary.unrecognized += 1 }
                for event in events { summary.eventsByKind[event.kind, default: 0] += 1 }
            }
            try store.replaceEvents(replacements, parserVersion: parserVersion)
            afterBatch(summary)
        }
        return summary
    }
}
