import MailModel

extension Address {
    /// `normalize(_:)` for plain ASCII text (see `PlainASCII`), by bytes: every character `normalize`
    /// looks for is one byte there, and ASCII lowercasing is what `lowercased()` does to ASCII.
    static func normalize(plain text: UnsafeBufferPointer<UInt8>) -> String? {
        var start = 0
        var end = text.count
        if let open = text.lastIndex(of: UInt8(ascii: "<")),
           let close = text[open...].firstIndex(of: UInt8(ascii: ">")) {
            start = open + 1
            end = close
        } else if let paren = text.firstIndex(of: UInt8(ascii: "(")) {
            end = paren
        }
        while start < end, WhitespaceTrimming.isWhitespace(text[start]) { start += 1 }
        while end > start, WhitespaceTrimming.isWhitespace(text[end - 1]) { end -= 1 }
        while start < end, isLeadingDecoration(text[start]) { start += 1 }
        while end > start, isTrailingDecoration(text[end - 1]) { end -= 1 }
        if RecipientLines.hasPrefixIgnoringCase(text[start..<end], "mailto:") { start += 7 }
        var address = droppingTypePrefix(ArraySlice(text[start..<end]))
        if let space = address.firstIndex(where: { $0 == 0x20 || $0 == 0x09 }) {
            // "user@host more words": keep the word holding the @.
            let words = address.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 })
            address = words.first(where: { $0.contains(0x40) }) ?? address[..<space]
        }
        guard let at = address.lastIndex(of: 0x40), at != address.startIndex, at + 1 != address.endIndex else {
            return address.isEmpty ? nil : String(decoding: address, as: UTF8.self)
        }
        var result = Array(address)
        for index in (at - address.startIndex + 1)..<result.count {
            result[index] = PlainASCII.lowercased(result[index])
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// `<"'[`, dropped from the start.
    private static func isLeadingDecoration(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "<") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") || byte == UInt8(ascii: "[")
    }

    /// `>"'].,;:`, dropped from the end.
    private static func isTrailingDecoration(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "]"), UInt8(ascii: "."),
             UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"): return true
        default: return false
        }
    }
}
