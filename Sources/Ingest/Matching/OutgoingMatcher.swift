import BounceKit
import Foundation
import EventStore
import MessageTag

/// Matches findings to the messages `events send` sent, by their signed tag: first in the report's
/// envelope recipient, then the DSN's ENVID, then the returned original's tag header and Message-ID.
/// The first tag found decides: one whose HMAC verifies and that names a recorded message matches
/// it; any other (forged, altered, from an unknown key, naming nothing sent) makes the finding
/// unverified, which never counts as a failure. Findings without any tag are left unmatched.
public struct OutgoingMatcher: Sendable {
    /// The header `events send` puts the tag in.
    public static let tagHeader = "X-MailEvents-Tag"

    let signer: TagSigner
    let isRecorded: @Sendable (Int64) -> Bool

    /// `isRecorded` tells whether an outgoing message with that id was recorded.
    public init(signer: TagSigner, isRecorded: @escaping @Sendable (Int64) -> Bool) {
        self.signer = signer
        self.isRecorded = isRecorded
    }

    /// Matches against the store's outgoing messages.
    public init(signer: TagSigner, store: EventStore) {
        self.init(signer: signer) { id in ((try? store.outgoing(id: id)) ?? nil) != nil }
    }

    /// The match for one finding of a message whose envelope recipients are `envelope`.
    public func match(_ finding: Finding, envelope: [String]) -> OutgoingMatch? {
        for (method, tag) in candidates(finding, envelope: envelope) {
            guard let tag else { continue }
            switch signer.check(tag) {
            case .verified(let id) where isRecorded(id):
                return OutgoingMatch(method: method, outgoingID: id, verified: true)
            default:
                return OutgoingMatch(method: method, outgoingID: nil, verified: false)
            }
        }
        return nil
    }

    private func candidates(_ finding: Finding, envelope: [String]) -> [(OutgoingMatch.Method, OutgoingTag?)] {
        let header = Self.tagHeader.lowercased()
        return [
            (.tag, envelope.lazy.compactMap(OutgoingTag.inAddress).first),
            (.envid, finding.envelopeID.flatMap { OutgoingTag(text: $0) }),
            (.tagHeader, finding.original?.extensionHeaders.first { $0.key == header }
                .flatMap { OutgoingTag(text: $0.value.trimmingCharacters(in: .whitespaces)) }),
            (.messageID, finding.original?.messageID.flatMap(OutgoingTag.inMessageID)),
        ]
    }
}
