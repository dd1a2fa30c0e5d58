import Crypto

/// A secret used to sign outgoing tags (HMAC-SHA256, RFC 2104 / FIPS 198-1), named by a short id
/// that travels in every tag so that the key can be rotated.
public struct SigningKey: Sendable, Equatable {
    /// 1–8 characters of [a-z0-9].
    public let id: String
    /// 32 bytes.
    public let secret: [UInt8]

    public static let secretLength = 32

    public init(id: String, secret: [UInt8]) throws(TagKeyError) {
        guard Self.isValidID(id) else {
            throw TagKeyError(.invalidKeyID, "The key id “\(id)” is not valid: use 1 to 8 lowercase letters or digits (for example k1).")
        }
        guard secret.count == Self.secretLength else {
            throw TagKeyError(.invalidSecret,
                              "The secret of key \(id) has \(secret.count) bytes; a signing key needs exactly \(Self.secretLength).")
        }
        self.id = id
        self.secret = secret
    }

    /// A new key with a random secret from the system's secure generator.
    public static func generate(id: String) throws(TagKeyError) -> SigningKey {
        let secret = SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
        return try SigningKey(id: id, secret: secret)
    }

    /// 1–8 characters of [a-z0-9].
    public static func isValidID(_ id: String) -> Bool {
        let bytes = Array(id.utf8)
        return (1...8).contains(bytes.count) && bytes.allSatisfy(TagAlphabet.isLowerAlphanumeric)
    }
}
