import EventStore
import Ingest
import MessageTag

/// The classifier of `events ingest` and `events reparse`: it attributes each message to the
/// company whose event address received it, and matches findings to the outgoing messages that
/// company sent with the signing keys in the keys' folder. Without keys, a tag cannot verify, so
/// any tag found makes an unverified event (never a failure) rather than a trusted one.
enum TagMatching {
    /// With no folder to be found (neither --key-dir, $EVENTS_KEY_DIR, $XDG_CONFIG_HOME nor $HOME),
    /// the ring is empty; a folder that exists but cannot be read fails the run, saying why.
    static func classifier(store: EventStore, keys: KeyOptions) throws -> MessageClassifier {
        let ring = try (try? keys.path()).map { try KeyDirectory(path: $0).load() } ?? KeyRing(keys: [], currentID: nil)
        return MessageClassifier(matcher: OutgoingMatcher(signer: TagSigner(ring: ring), store: store),
                                 companies: try CompanyDirectory(store: store))
    }
}
