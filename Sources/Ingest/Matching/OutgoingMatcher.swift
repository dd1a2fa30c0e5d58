import BounceKit
import Foundation
import EventStore
import MessageTag

/// Matches findings to the messages `events send` sent, by their signed tag: first in the report's
/// envelope recipient, then the DSN's ENVID, then the returned original's tag header and Message-ID.
/// The first tag found decides: one whose HMAC verifies and that names a recorded message matches
/// it; any other (forged, altered, from an unknown key, naming nothing sent) makes the finding
/// unverified, which never counts as a failure. Findings without any tag are left unmatched.
/// A matched finding names the message's recipient it is about: its own recipient when the message
/// was sent to it, or the message's only recipient when the report named none.
public struct OutgoingMatcher: Sendable {
    let signer: TagSigner
    let recipients: @Sendable (Int64) -> [String]?

    /// `recipients` gives the recipients of the outgoing message with that id, nil when none was recorded.
    public init(signer: TagSigner, recipients: @escaping @Sendable (Int64) -> [String]?) {
        self.signer = signer
        self.recipients = recipients
    }

    /// Matches against the store's outgoing messages.
    public init(signer: TagSigner, store: EventStore) {
        self.init(signer: signer) { id in (try? store.sentRecipients(of: id)) ?? nil }
    }

    /// The match for one finding of a message whose envelope recipients are `envelope`.
    public func match(_ finding: Finding, envelope: [String]) -> OutgoingMatch? {
        for (method, tag) in candidates(finding, envelope: envelope) {
            guard let tag else { continue }
            if case .verified(let id) = signer.check(tag), let sentTo = recipients(id) {
                return OutgoingMatch(method: method, outgoingID: id, verified: true,
                                     recipient: Self.recipient(of: finding, among: sentTo))
            }
            return OutgoingMatch(method: method, outgoingID: nil, verified: false)
        }
        return nil
    }

    /// The message's recipient the finding is about, compared without case.
    static func recipient(of finding: Finding, among sentTo: [String]) -> String? {
        guard let recipient = finding.recipient else { return sentTo.count == 1 ? sentTo[0] : nil }
        return sentTo.first { $0.lowercased() == recipient.lowercased() }
    }

    private func candidates(_ finding: Finding, envelope: [String]) -> [(OutgoingMatch.Method, OutgoingTag?)] {
        let header = OutgoingTag.headerName.lowercased()
        return [
            (.tag, envelope.lazy.compactMap(OutgoingTag.inAddress).first),
            (.envid, finding.envelopeID.flatMap { OutgoingTag(text: $0) }),
            (.tagHeader, finding.original?.extensionHeaders.first { $0.key == header }
                .flatMap { OutgoingTag(text: $0.value.trimmingCharacters(in: .whitespaces)) }),
            (.messageID, finding.original?.messageID.flatMap(OutgoingTag.inMessageID)),
        ]
    }
}
