import Crypto

/// Signs outgoing message ids and recipient indexes into tags with the ring's current key and checks
/// tags found in bounces against every key in the ring. MAC: the first 10 bytes of
/// HMAC-SHA256(secret, "mailevents-tag-v2\0{id}\0{index}\0{keyid}") for a recipient's copy, and
/// of "mailevents-tag-v1\0{id}\0{keyid}" for the per-message tags of older mail (RFC 2104,
/// truncation per RFC 2104 §5). The two inputs cannot be confused, so neither kind of MAC passes
/// for the other.
public struct TagSigner: Sendable {
    public let ring: KeyRing

    /// Bytes of HMAC-SHA256 kept in a tag.
    static let macBytes = 10

    public init(ring: KeyRing) {
        self.ring = ring
    }

    /// The tag of one recipient's copy of an outgoing message, signed with the current key: it
    /// verifies a report about that recipient only.
    public func tag(outgoingID: Int64, recipientIndex: Int) throws(TagKeyError) -> OutgoingTag {
        guard (0...OutgoingTag.maxRecipientIndex).contains(recipientIndex) else {
            throw TagKeyError(.invalidOutgoingID, "Recipient \(recipientIndex) of outgoing message \(outgoingID) cannot be "
                              + "tagged: a message is tagged for at most \(OutgoingTag.maxRecipientIndex + 1) recipients.")
        }
        let key = try signingKey(outgoingID: outgoingID)
        return OutgoingTag(outgoingID: outgoingID, recipientIndex: recipientIndex, keyID: key.id,
                           mac: Self.mac(outgoingID: outgoingID, recipientIndex: recipientIndex, key: key))
    }

    /// The per-message tag older versions put on every recipient's copy. `events send` no longer
    /// makes them (one would verify a report about any of the message's recipients); they are still
    /// checked, so mail sent before keeps matching.
    public func tag(outgoingID: Int64) throws(TagKeyError) -> OutgoingTag {
        let key = try signingKey(outgoingID: outgoingID)
        return OutgoingTag(outgoingID: outgoingID, keyID: key.id, mac: Self.mac(outgoingID: outgoingID, recipientIndex: nil, key: key))
    }

    private func signingKey(outgoingID: Int64) throws(TagKeyError) -> SigningKey {
        guard outgoingID >= 0 else {
            throw TagKeyError(.invalidOutgoingID, "Outgoing message id \(outgoingID) cannot be tagged: ids are not negative.")
        }
        guard let key = ring.current else {
            let detail = ring.currentID.map { "the current key \($0) is missing" } ?? "there is no signing key"
            throw TagKeyError(.noCurrentKey,
                              "Outgoing mail cannot be tagged: \(detail). Run `events config key` to create a signing key.")
        }
        return key
    }

    /// Whether the tag was signed by one of the ring's keys (for its message and, in a recipient's
    /// tag, its recipient index).
    public func check(_ tag: OutgoingTag) -> TagCheck {
        guard let key = ring.key(id: tag.keyID) else { return .unknownKey(keyID: tag.keyID) }
        let expected = Self.mac(outgoingID: tag.outgoingID, recipientIndex: tag.recipientIndex, key: key)
        return Self.constantTimeEqual(Array(expected.utf8), Array(tag.mac.utf8))
            ? .verified(outgoingID: tag.outgoingID) : .badSignature
    }

    static func mac(outgoingID: Int64, recipientIndex: Int?, key: SigningKey) -> String {
        let input = recipientIndex.map { "mailevents-tag-v2\u{0}\(outgoingID)\u{0}\($0)\u{0}\(key.id)" }
            ?? "mailevents-tag-v1\u{0}\(outgoingID)\u{0}\(key.id)"
        let message = Array(input.utf8)
        let code = HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: key.secret))
        return TagAlphabet.base32Encoded(Array(code).prefix(macBytes))
    }

    /// Compares without returning early, so the time taken does not tell how many leading
    /// characters of a forged MAC were right.
    static func constantTimeEqual(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        var difference: UInt8 = 0
        for index in lhs.indices { difference |= lhs[index] ^ rhs[index] }
        return difference == 0
    }
}
