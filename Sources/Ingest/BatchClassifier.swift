import BounceKit

/// Classifies messages on every core (or in isolated workers) while keeping their order: messages
/// are gathered into batches (bounded by count and bytes, so memory stays flat on any input size),
/// each batch is classified at once, and results are handed on in input order.
public final class BatchClassifier {
    public let runner: ClassifierRunner
    public let maximumMessages: Int
    public let maximumBytes: Int
    private var pending: [RawMessage] = []
    private var pendingBytes = 0
    private let emit: (RawMessage, [Finding]) -> Void

    public init(runner: ClassifierRunner = ClassifierRunner(classifier: MessageClassifier()), maximumMessages: Int = 256,
                maximumBytes: Int = 16 << 20, emit: @escaping (RawMessage, [Finding]) -> Void) {
        self.runner = runner
        self.maximumMessages = maximumMessages
        self.maximumBytes = maximumBytes
        self.emit = emit
    }

    public func add(_ message: RawMessage) {
        pending.append(message)
        pendingBytes += message.bytes.count
        if pending.count >= maximumMessages || pendingBytes >= maximumBytes { flush() }
    }

    /// Classifies and emits whatever is pending.
    public func flush() {
        guard !pending.isEmpty else { return }
        let batch = pending
        pending.removeAll(keepingCapacity: true)
        pendingBytes = 0
        let results = runner.classify(batch.map(\.bytes), defects: batch.map(\.defect))
        for (message, classification) in zip(batch, results) { emit(message, classification.findings) }
    }
}
