import CEtPan
import MailModel

/// Turns body bytes in a declared charset into a Swift string, through libetpan's iconv-based
/// `charconv_buffer`. Mis-declared or undeclared text falls back to UTF-8, then Latin-1, so a
/// wrong label never loses the text.
enum Text {
    /// Charsets whose bytes are taken as UTF-8 directly.
    private static let utf8Compatible: Set<String> = ["utf-8", "utf8", "us-ascii", "ascii", "ansi_x3.4-1968", ""]

    static func decode(_ bytes: [UInt8], charset: String?) -> String {
        let charset = charsetName(charset)
        // ISO-2022-*, UTF-7 and HZ are 7-bit encodings: ASCII bytes still need converting.
        let sevenBit = charset.hasPrefix("iso-2022") || charset.hasPrefix("utf-7") || charset.hasPrefix("hz")
        if utf8Compatible.contains(charset) || (!sevenBit && isASCII(bytes)) {
            return decodeUTF8OrLatin1(bytes)
        }
        if let converted = convert(bytes, from: charset) {
            return converted
        }
        return decodeUTF8OrLatin1(bytes)
    }

    /// A declared charset as looked up: lowercased, without surrounding spaces, tabs and quotes.
    /// Names are ASCII (RFC 2978): those are trimmed as bytes; any other goes through Characters.
    static func charsetName(_ charset: String?) -> String {
        guard var name = charset else { return "" }
        let ascii = name.withUTF8 { bytes -> String? in
            guard PlainASCII.isPlain(bytes) else { return nil }
            func trimmed(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x22 || byte == 0x27 }
            var start = 0
            var end = bytes.count
            while start < end, trimmed(bytes[start]) { start += 1 }
            while end > start, trimmed(bytes[end - 1]) { end -= 1 }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        }
        return ascii?.lowercased() ?? name.lowercased().trimmingCharacters(in: " \t\"'")
    }

    /// Valid UTF-8 as it is; anything else read as Windows-1252's superset of Latin-1. ASCII, what
    /// most header values are, becomes a string in one copy, without the generic validation.
    static func decodeUTF8OrLatin1(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        if PlainASCII.isASCII(bytes) { return String(decoding: bytes, as: UTF8.self) }
        return decodeUTF8OrLatin1(bytes[...])
    }

    static func decodeUTF8OrLatin1(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBufferPointer { decodeUTF8OrLatin1($0) }
    }

    /// Valid UTF-8 as it is; anything else read as Windows-1252's superset of Latin-1.
    static func decodeUTF8OrLatin1<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        if let text = String(validating: bytes, as: UTF8.self) {
            return text
        }
        return String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
    }

    private static func isASCII(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer(PlainASCII.isASCII)
    }

    private static func convert(_ bytes: [UInt8], from charset: String) -> String? {
        CharsetConverters.install()
        return bytes.withUnsafeBufferPointer { buffer -> String? in
            guard let base = buffer.baseAddress else { return "" }
            return base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { chars -> String? in
                var result: UnsafeMutablePointer<CChar>?
                var length = 0
                let status = charconv_buffer("utf-8", charset, chars, buffer.count, &result, &length)
                guard status == Int32(MAIL_CHARCONV_NO_ERROR), let result else { return nil }
                defer { charconv_buffer_free(result) }
                return result.withMemoryRebound(to: UInt8.self, capacity: length) {
                    String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
                }
            }
        }
    }
}

extension String {
    func trimmingCharacters(in set: String) -> String {
        let characters = Set(set)
        guard let first = firstIndex(where: { !characters.contains($0) }) else { return "" }
        let last = lastIndex(where: { !characters.contains($0) }) ?? first
        return String(self[first...last])
    }
}
