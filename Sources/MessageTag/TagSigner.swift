import Crypto

/// Signs outgoing message ids into tags with the ring's current key and checks tags found in
/// bounces against every key in the ring. MAC: the first 10 bytes of
/// HMAC-SHA256(secret, "mailevents-tag-v1\0{id}\0{keyid}") (RFC 2104, truncation per RFC 2104 §5).
public struct TagSigner: Sendable {
    public let ring: KeyRing

    /// Bytes of HMAC-SHA256 kept in a tag.
    static let macBytes = 10

    public init(ring: KeyRing) {
        self.ring = ring
    }

    /// The tag for an outgoing message, signed with the current key.
    public func tag(outgoingID: Int64) throws(TagKeyError) -> OutgoingTag {
        guard outgoingID >= 0 else {
            throw TagKeyError(.invalidOutgoingID, "Outgoing message id \(outgoingID) cannot be tagged: ids are not negative.")
        }
        guard let key = ring.current else {
            let detail = ring.currentID.map { "the current key \($0) is missing" } ?? "there is no signing key"
            throw TagKeyError(.noCurrentKey,
                              "Outgoing mail cannot be tagged: \(detail). Run `events config key` to create a signing key.")
        }
        return OutgoingTag(outgoingID: outgoingID, keyID: key.id, mac: Self.mac(outgoingID: outgoingID, key: key))
    }

    /// Whether the tag was signed by one of the ring's keys.
    public func check(_ tag: OutgoingTag) -> TagCheck {
        guard let key = ring.key(id: tag.keyID) else { return .unknownKey(keyID: tag.keyID) }
        let expected = Self.mac(outgoingID: tag.outgoingID, key: key)
        return Self.constantTimeEqual(Array(expected.utf8), Array(tag.mac.utf8))
            ? .verified(outgoingID: tag.outgoingID) : .badSignature
    }

    static func mac(outgoingID: Int64, key: SigningKey) -> String {
        let message = Array("mailevents-tag-v1\u{0}\(outgoingID)\u{0}\(key.id)".utf8)
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
