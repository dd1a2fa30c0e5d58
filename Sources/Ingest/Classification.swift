import BounceKit
import MailCore

/// What the pipeline learns from one raw message: its findings and the few header fields of the
/// message itself that the ledger and the events record.
public struct Classification: Sendable {
    public var findings: [Finding]
    /// The message's own Message-ID, without angle brackets.
    public var messageID: String?
    /// The message's `Date:`, in seconds since 1970, when it could be read.
    public var date: Int64?
    /// Each finding's match to an outgoing message, in `findings` order (nil: no tag found, or no matcher).
    public var matches: [OutgoingMatch?] = []

    /// True when no detector recognised the message.
    public var isUnrecognized: Bool { findings.allSatisfy { $0.kind == .unrecognized } }
}

extension MessageClassifier {
    /// Parses and classifies `bytes`. There is always at least one finding: a message no detector
    /// recognises gives one `unrecognized` finding.
    public func classification(for bytes: [UInt8]) -> Classification {
        if let violation = MessageBounds.violation(in: bytes) { return Self.unparsed(bytes, violation) }
        let root = MIMEParser.parse(bytes)
        var findings = classifier.classify(root)
        if findings.isEmpty { findings = [Finding(kind: .unrecognized, reason: .undefined, detector: "none")] }
        let messageID = root.headers["message-id"].map(Address.stripAngles).flatMap { $0.isEmpty ? nil : $0 }
        var classification = Classification(findings: findings, messageID: messageID,
                                            date: root.headers["date"].flatMap(MessageDate.secondsSince1970))
        if let matcher {
            let envelope = Self.envelopeFields.flatMap { root.headers.all($0) }
            classification.matches = findings.map { matcher.match($0, envelope: envelope) }
        }
        return classification
    }

    /// Where the envelope recipient of a message in the event mailbox shows: the delivering
    /// server's `Delivered-To` / `X-Original-To` / `Envelope-To`, then `To` (a bounce is addressed
    /// to the envelope sender, RFC 3464 §2).
    static let envelopeFields = ["delivered-to", "x-original-to", "envelope-to", "to"]
}
