import Crypto

/// The ledger's digest of a raw message, SHA-256 (FIPS 180-4): a message whose digest is already
/// stored is never stored again. swift-crypto computes it (BoringSSL, with the CPU's SHA
/// instructions where there are some).
public enum MessageDigest {
    /// The 32-byte SHA-256 digest of `bytes`.
    public static func sha256(_ bytes: [UInt8]) -> [UInt8] {
        Array(SHA256.hash(data: bytes))
    }

    /// Lowercase hexadecimal, as `sha256sum` prints it.
    public static func hex(_ digest: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in digest { text += [digits[Int(byte >> 4)], digits[Int(byte & 0xF)]] }
        return String(decoding: text, as: UTF8.self)
    }
}
