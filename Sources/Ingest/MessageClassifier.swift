import BounceKit

/// Raw bytes in, findings out: libetpan's MIME parse, then the detectors, then (with companies)
/// the company whose event address received the message, then (with a matcher) the match of each
/// finding to the message that company sent. Stateless and safe to share between threads.
public struct MessageClassifier: Sendable {
    public let classifier: BounceClassifier
    /// Ties findings to outgoing messages by their signed tags; nil leaves them unmatched.
    public let matcher: OutgoingMatcher?
    /// Attributes messages to companies; nil leaves them unattributed.
    public let companies: CompanyDirectory?

    public init(classifier: BounceClassifier = BounceClassifier(), matcher: OutgoingMatcher? = nil,
                companies: CompanyDirectory? = nil) {
        self.classifier = classifier
        self.matcher = matcher
        self.companies = companies
    }

    /// Whether `finished` has anything to do after classifying.
    var attributesOrMatches: Bool { matcher != nil || companies != nil }
}
