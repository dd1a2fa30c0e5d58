import BounceKit
import MailCore

/// Raw bytes in, findings out: libetpan's MIME parse, then the detectors. Stateless and safe to
/// share between threads.
public struct MessageClassifier: Sendable {
    public let classifier: BounceClassifier

    public init(classifier: BounceClassifier = BounceClassifier()) {
        self.classifier = classifier
    }

    public func findings(for bytes: [UInt8]) -> [Finding] {
        classifier.classify(MIMEParser.parse(bytes))
    }
}
