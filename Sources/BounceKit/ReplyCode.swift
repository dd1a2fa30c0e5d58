/// An SMTP reply code: three digits, the first 2–5. RFC 5321 §4.2.
///
///     Reply-code = %x32-35 %x30-35 %x30-39                     (RFC 5321 §4.2)
public struct ReplyCode: Sendable, Hashable, CustomStringConvertible {
    public let value: Int

    public init?(_ value: Int) {
        guard (200...599).contains(value), (value / 10) % 10 <= 5 else { return nil }
        self.value = value
    }

    public var description: String { String(value) }
    public var isTransient: Bool { value / 100 == 4 }
    public var isPermanent: Bool { value / 100 == 5 }

    /// The first reply code in a diagnostic: a 4xx or 5xx (or 2xx) standing alone and followed by a
    /// space, a hyphen (multi-line reply) or the end, as in `550 5.1.1 …`, `host said: 550-5.7.1 …`,
    /// `SMTP error from remote mail server after RCPT TO:<a@b>: 550 …`. Numbers inside IP addresses,
    /// dates and times do not count.
    public static func first(in text: some StringProtocol) -> ReplyCode? {
        let bytes = Array(text.utf8)
        var index = 0
        while index + 3 <= bytes.count {
            let b0 = bytes[index]
            if (b0 == 0x32 || b0 == 0x34 || b0 == 0x35),
               bytes[index + 1].isASCIIDigit, bytes[index + 2].isASCIIDigit,
               index == 0 || isOpening(bytes[index - 1]),
               index + 3 == bytes.count || isClosing(bytes[index + 3], next: index + 4 < bytes.count ? bytes[index + 4] : nil),
               let code = ReplyCode(Int(b0 - 0x30) * 100 + Int(bytes[index + 1] - 0x30) * 10 + Int(bytes[index + 2] - 0x30)) {
                return code
            }
            index += 1
        }
        return nil
    }

    private static func isOpening(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x3A || byte == 0x3B || byte == 0x28 || byte == 0x5B || byte == 0x22 || byte == 0x3D || byte == 0x0A
    }

    private static func isClosing(_ byte: UInt8, next: UInt8?) -> Bool {
        switch byte {
        case 0x20, 0x09, 0x0A, 0x0D, 0x2D, 0x29, 0x5D, 0x3A, 0x2C, 0x22: // space tab LF CR - ) ] : , "
            // "550-" is a continuation line; "12:30" and "550.5" are not codes.
            if byte == 0x3A, let next, next.isASCIIDigit { return false }
            return true
        default:
            return false
        }
    }
}
