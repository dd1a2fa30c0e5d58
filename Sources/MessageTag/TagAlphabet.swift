/// Byte classes and the lowercase base32 alphabet of RFC 4648 §6 used by tags. Local parts may
/// be lowercased by MTAs, so a tag uses only [a-z0-9] and '.'.
enum TagAlphabet {
    static let base32: [UInt8] = Array("abcdefghijklmnopqrstuvwxyz234567".utf8)

    static func isLowerAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || isDigit(byte)
    }

    static func isDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    static func isBase32(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "2")...UInt8(ascii: "7")).contains(byte)
    }

    /// RFC 4648 §6 base32, lowercase, without padding.
    static func base32Encoded(_ bytes: some Sequence<UInt8>) -> String {
        var output: [UInt8] = []
        var buffer = 0
        var bits = 0
        for byte in bytes {
            buffer = (buffer << 8) | Int(byte)
            bits += 8
            while bits >= 5 {
                output.append(base32[(buffer >> (bits - 5)) & 31])
                bits -= 5
            }
            buffer &= (1 << bits) - 1
        }
        if bits > 0 { output.append(base32[(buffer << (5 - bits)) & 31]) }
        return String(decoding: output, as: UTF8.self)
    }

    /// ASCII letters lowercased.
    static func lowercased(_ text: some StringProtocol) -> [UInt8] {
        text.utf8.map { $0 &- 0x41 < 26 ? $0 | 0x20 : $0 }
    }
}
