import BounceKit
import Dispatch

/// Classifies messages on every core while keeping their order: messages are gathered into
/// batches (bounded by count and bytes, so memory stays flat on any input size), each batch is
/// classified in parallel, and results are handed on in input order.
public final class BatchClassifier {
    public let classifier: MessageClassifier
    public let maximumMessages: Int
    public let maximumBytes: Int
    private var pending: [RawMessage] = []
    private var pendingBytes = 0
    private let emit: (RawMessage, [Finding]) -> Void

    public init(classifier: MessageClassifier = MessageClassifier(), maximumMessages: Int = 256,
                maximumBytes: Int = 16 << 20, emit: @escaping (RawMessage, [Finding]) -> Void) {
        self.classifier = classifier
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
        let results = Self.classify(batch, with: classifier)
        for (message, findings) in zip(batch, results) { emit(message, findings) }
    }

    static func classify(_ batch: [RawMessage], with classifier: MessageClassifier) -> [[Finding]] {
        if batch.count == 1 { return [classifier.findings(for: batch[0].bytes)] }
        return [[Finding]](unsafeUninitializedCapacity: batch.count) { buffer, initialized in
            // Each iteration initialises its own slot and nothing else touches the buffer until
            // concurrentPerform returns.
            nonisolated(unsafe) let slots = buffer
            DispatchQueue.concurrentPerform(iterations: batch.count) { index in
                (slots.baseAddress! + index).initialize(to: classifier.findings(for: batch[index].bytes))
            }
            initialized = batch.count
        }
    }
}
