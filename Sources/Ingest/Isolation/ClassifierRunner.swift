/// Classifies batches of messages, in order: on every core of this process, or in worker processes
/// (`ClassifierWorkers`) so that no message can crash or stall the run. Either way, messages are
/// attributed to companies and findings matched to outgoing messages here, where the store is.
public final class ClassifierRunner: @unchecked Sendable {
    public let classifier: MessageClassifier
    private let workers: ClassifierWorkers?

    /// `workers`: nil classifies in this process.
    public init(classifier: MessageClassifier, workers: ClassifierWorkers.Settings? = nil) {
        self.classifier = classifier
        self.workers = workers.map { ClassifierWorkers(settings: $0, fallback: classifier) }
    }

    /// The classifications of `messages`, in order. One batch at a time.
    public func classify(_ messages: [[UInt8]]) -> [Classification] {
        let classifier = self.classifier
        guard let workers else { return messages.concurrentMap { classifier.classification(for: $0) } }
        let unmatched = workers.classify(messages)
        return classifier.attributesOrMatches ? unmatched.concurrentMap { classifier.finished($0) } : unmatched
    }

    /// The classifications of `messages`, in order, where a message with a defect (a stream cut
    /// inside it) is not classified but kept as unrecognised with that cause.
    public func classify(_ messages: [[UInt8]], defects: [String?]) -> [Classification] {
        let whole = messages.indices.filter { defects[$0] == nil }
        var classified = classify(whole.map { messages[$0] }).makeIterator()
        return messages.indices.map { index in
            if let defect = defects[index] { return .cut(defect) }
            return classified.next() ?? .cut(nil)
        }
    }
}
