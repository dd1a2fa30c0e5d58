import BounceKit

/// Raw bytes in, findings out: libetpan's MIME parse, then the detectors, then (with a matcher)
/// the match of each finding to the message we sent. Stateless and safe to share between threads.
public struct MessageClassifier: Sendable {
    public let classifier: BounceClassifier
    /// Ties findings to outgoing messages by their signed tags; nil leaves them unmatched.
    public let matcher: OutgoingMatcher?

    public init(classifier: BounceClassifier = BounceClassifier(), matcher: OutgoingMatcher? = nil) {
        self.classifier = classifier
        self.matcher = matcher
    }
}
