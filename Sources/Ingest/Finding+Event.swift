import BounceKit
import EventStore
import Foundation

extension Event {
    /// The stored form of a finding. The ledger row is set when the message is stored.
    public init(_ finding: Finding, occurredAt: Date) {
        self.init(kind: finding.kind.rawValue, recipient: finding.recipient, reason: finding.reason.rawValue,
                  hard: finding.hard, senderSide: finding.senderSide, status: finding.status?.description,
                  replyCode: finding.replyCode?.value, action: finding.action, diagnostic: finding.diagnostic,
                  remoteMTA: finding.remoteMTA, reportingMTA: finding.reportingMTA, envelopeID: finding.envelopeID,
                  feedbackType: finding.feedbackType, detector: finding.detector, cause: finding.cause, remedy: finding.remedy,
                  originalMessageID: finding.original?.messageID, originalSubject: finding.original?.subject,
                  originalFrom: finding.original?.from, originalDate: finding.original?.date, occurredAt: occurredAt,
                  rule: finding.rule.isEmpty ? nil : finding.rule)
    }
}

extension Classification {
    /// When the events happened: the message's own date, else when it was taken in. A date more
    /// than a day after it was taken in (a sender's clock far ahead) is not believed.
    public func occurredAt(receivedAt: Date) -> Date {
        guard let date else { return receivedAt }
        let reported = Date(timeIntervalSince1970: TimeInterval(date))
        return reported > receivedAt.addingTimeInterval(86_400) ? receivedAt : reported
    }

    /// The events to store for this classification.
    public func events(receivedAt: Date) -> [Event] {
        let when = occurredAt(receivedAt: receivedAt)
        return findings.indices.map { index in
            var event = Event(findings[index], occurredAt: when)
            if index < matches.count, let match = matches[index] {
                event.outgoingID = match.outgoingID
                event.matchMethod = match.method.rawValue
                event.verified = match.verified
                // Verified: the address the tag's copy went to. An alias's report (Original-Recipient)
                // names where it was forwarded as Final-Recipient; the cause still quotes that address.
                if let recipient = match.recipient { event.recipient = recipient }
            }
            return event
        }
    }

    public var outcome: LedgerEntry.Outcome { isUnrecognized ? .unrecognized : .classified }
}
