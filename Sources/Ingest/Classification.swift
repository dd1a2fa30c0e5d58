import BounceKit
import MailCore
import MailModel

/// What the pipeline learns from one raw message: its findings and the few header fields of the
/// message itself that the ledger and the events record.
public struct Classification: Sendable {
    public var findings: [Finding]
    /// The message's own Message-ID, without angle brackets.
    public var messageID: String?
    /// The message's `Date:`, in seconds since 1970, when it could be read.
    public var date: Int64?
    /// The addresses the message was delivered to (`envelopeFields`), where a tag may be.
    public var envelope: [String]
    /// Each finding's match to an outgoing message, in `findings` order (nil: no tag found, or no matcher).
    public var matches: [OutgoingMatch?] = []
    /// The company whose event address received the message (nil: delivered to no event address,
    /// or no companies were given).
    public var company: CompanyAttribution?

    public init(findings: [Finding], messageID: String? = nil, date: Int64? = nil, envelope: [String] = []) {
        self.findings = findings
        self.messageID = messageID
        self.date = date
        self.envelope = envelope
    }

    /// A message kept unparsed or unread, with one `unrecognized` finding saying why.
    public static func unrecognized(because cause: String, remedy: String, detector: String) -> Classification {
        Classification(findings: [Finding(kind: .unrecognized, reason: .undefined, detector: detector,
                                          cause: cause, remedy: remedy)])
    }

    /// True when no detector recognised the message.
    public var isUnrecognized: Bool { findings.allSatisfy { $0.kind == .unrecognized } }
}

extension MessageClassifier {
    /// Parses, classifies, attributes and matches `bytes` in this process.
    public func classification(for bytes: [UInt8]) -> Classification {
        finished(unmatchedClassification(for: bytes))
    }

    /// Parses and classifies `bytes`, without matching (which needs the store, so it runs where the
    /// store is: after a worker process has classified). There is always at least one finding: a
    /// message no detector recognises gives one `unrecognized` finding.
    public func unmatchedClassification(for bytes: [UInt8]) -> Classification {
        let root: MIMEPart
        switch MessageBounds.check(bytes) {
        case .failure(let violation): return Self.unparsed(bytes, violation)
        case .success(let message): root = MIMEParser.parse(message)
        }
        var findings = classifier.classify(root)
        if findings.isEmpty { findings = [Finding(kind: .unrecognized, reason: .undefined, detector: "none")] }
        let messageID = root.headers["message-id"].map(Address.stripAngles).flatMap { $0.isEmpty ? nil : $0 }
        return Classification(findings: findings, messageID: messageID,
                              date: root.headers["date"].flatMap(MessageDate.secondsSince1970),
                              envelope: Self.envelopeFields.flatMap { root.headers.all($0) })
    }

    /// `classification` attributed to the company whose event address received it (when there are
    /// companies) and with each finding matched to an outgoing message that company sent (when
    /// there is a matcher).
    public func finished(_ classification: Classification) -> Classification {
        guard attributesOrMatches else { return classification }
        var classification = classification
        classification.company = companies?.attribution(envelope: classification.envelope)
        return rematched(classification)
    }

    /// `classification`'s findings matched (again) as received by its `company`.
    public func rematched(_ classification: Classification) -> Classification {
        guard let matcher else { return classification }
        var classification = classification
        let company = classification.company?.companyID
        classification.matches = classification.findings.map {
            matcher.match($0, envelope: classification.envelope, company: company)
        }
        return classification
    }

    /// Where the envelope recipient of a message in the event mailbox shows: the delivering
    /// server's `Delivered-To` / `X-Original-To` / `Envelope-To`, then `To` (a bounce is addressed
    /// to the envelope sender, RFC 3464 §2).
    static let envelopeFields = ["delivered-to", "x-original-to", "envelope-to", "to"]
}

extension Classification {
    /// A message whose bytes are known to be incomplete: kept, not classified.
    public static func cut(_ defect: String?) -> Classification {
        .unrecognized(because: defect ?? "the message is incomplete",
                      remedy: "Nothing that arrived was lost: the bytes received are kept. Deliver the whole "
                          + "message again to classify it.", detector: "input")
    }
}
