import BounceKit
import Foundation
import EventStore
import MessageTag

/// Matches findings to the messages `events send` sent, by their signed tag: first in the report's
/// envelope recipient, then the DSN's ENVID, then the returned original's tag header and Message-ID.
/// The first tag found decides. A finding is verified only when that tag's HMAC verifies, it names
/// a recorded message, and the finding is about the recipient the tag vouches for: with a
/// recipient's tag (`m{id}r{index}…`), the recipient its copy went to; with an older per-message
/// tag, one of the message's recipients. "About" means the report's recipient is that address, or
/// its RFC 3464 Original-Recipient is (an alias forwarded elsewhere), or the report names no
/// recipient and the tag leaves no doubt (a recipient's tag, or a per-message tag of a message
/// sent to one address). Anything else (forged, altered, from an unknown key, naming nothing sent,
/// or about someone else) makes the finding unverified, which never counts as a failure, so one
/// recipient's copy cannot vouch for a report about a co-recipient or a stranger. So does a tag of
/// mail another company sent: a tag verifies only for the company whose event address received
/// the report (a tag is visible to everyone the mail went to, and must not let them file a report
/// into another company's events). Findings without any tag are left unmatched.
public struct OutgoingMatcher: Sendable {
    let signer: TagSigner
    let sentMessage: @Sendable (Int64) -> SentMessage?

    /// `sentMessage` gives the recorded tag and recipients of the outgoing message with that id, nil
    /// when none was recorded.
    public init(signer: TagSigner, sentMessage: @escaping @Sendable (Int64) -> SentMessage?) {
        self.signer = signer
        self.sentMessage = sentMessage
    }

    /// Matches against the store's outgoing messages.
    public init(signer: TagSigner, store: EventStore) {
        self.init(signer: signer) { id in (try? store.sentMessage(id: id)) ?? nil }
    }

    /// The match for one finding of a message whose envelope recipients are `envelope`, received
    /// at the event address of `company` (nil: of no known company, or a database without companies).
    public func match(_ finding: Finding, envelope: [String], company: Int64?) -> OutgoingMatch? {
        for (method, tag) in candidates(finding, envelope: envelope) {
            guard let tag else { continue }
            if case .verified(let id) = signer.check(tag), let sent = sentMessage(id), sent.companyID == company,
               let recipient = Self.recipient(of: finding, vouchedFor: tag, in: sent) {
                return OutgoingMatch(method: method, outgoingID: id, verified: true, recipient: recipient)
            }
            return OutgoingMatch(method: method, outgoingID: nil, verified: false)
        }
        return nil
    }

    /// The sent address a verified tag vouches for that the finding is about, or nil when the
    /// finding is about no such address. Addresses compare without case.
    static func recipient(of finding: Finding, vouchedFor tag: OutgoingTag, in sent: SentMessage) -> String? {
        let vouched: [String]
        if let index = tag.recipientIndex {
            guard index < sent.recipients.count else { return nil }
            vouched = [sent.recipients[index]]
        } else {
            // A per-message tag verifies only for a message that was sent with one.
            guard sent.tag.flatMap({ OutgoingTag(text: $0) })?.recipientIndex == nil else { return nil }
            vouched = sent.recipients
        }
        guard let named = finding.recipient else {
            return tag.recipientIndex != nil || vouched.count == 1 ? vouched.first : nil
        }
        let candidates = [named] + (finding.originalRecipient.map { [$0] } ?? [])
        for candidate in candidates {
            if let address = vouched.first(where: { $0.lowercased() == candidate.lowercased() }) { return address }
        }
        return nil
    }

    private func candidates(_ finding: Finding, envelope: [String]) -> [(OutgoingMatch.Method, OutgoingTag?)] {
        let header = OutgoingTag.headerName.lowercased()
        return [
            (.tag, envelope.lazy.compactMap(OutgoingTag.inAddress).first),
            (.envid, finding.envelopeID.flatMap { OutgoingTag(text: $0) }),
            (.tagHeader, finding.original?.extensionHeaders.first { $0.hasKey(header) }
                .flatMap { OutgoingTag(text: $0.value.trimmingCharacters(in: .whitespaces)) }),
            (.messageID, finding.original?.messageID.flatMap(OutgoingTag.inMessageID)),
        ]
    }
}
