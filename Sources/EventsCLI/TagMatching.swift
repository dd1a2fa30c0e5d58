import EventStore
import Ingest
import MessageTag

/// The classifier of `events ingest` and `events reparse`: it matches findings to outgoing messages
/// with the signing keys in the keys' folder. Without keys, a tag cannot verify, so any tag found
/// makes an unverified event (never a failure) rather than a trusted one.
enum TagMatching {
    static func classifier(store: EventStore, keys: KeyOptions) throws -> MessageClassifier {
        let ring = try keys.directory().load()
        return MessageClassifier(matcher: OutgoingMatcher(signer: TagSigner(ring: ring), store: store))
    }
}
