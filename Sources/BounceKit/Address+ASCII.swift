extension Address {
    /// `normalize(_:)` for ASCII text, by bytes. Every character `normalize` looks for is one ASCII
    /// byte, and the only ASCII character of two bytes, "\r\n", is white space wherever it can
    /// stand at the ends of the text: so bytes find, trim and split what characters do, and ASCII
    /// lowercasing is what `lowercased()` does to ASCII.
    static func normalize(ascii text: UnsafeBufferPointer<UInt8>) -> String? {
        var start = 0
        var end = text.count
        if let open = lastIndex(of: UInt8(ascii: "<"), in: text, start, end),
           let close = firstIndex(of: UInt8(ascii: ">"), in: text, open, end) {
            start = open + 1
            end = close
        } else if let paren = firstIndex(of: UInt8(ascii: "("), in: text, start, end) {
            end = paren
        }
        while start < end, isWhitespace(text[start]) { start += 1 }
        while end > start, isWhitespace(text[end - 1]) { end -= 1 }
        while start < end, isLeadingDecoration(text[start]) { start += 1 }
        while end > start, isTrailingDecoration(text[end - 1]) { end -= 1 }
        if end - start >= 7, equalsIgnoringCase(text, start, "mailto:") { start += 7 }
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
        for index in (at - address.startIndex + 1)..<result.count where result[index] &- 0x41 < 26 {
            result[index] |= 0x20
        }
        return String(decoding: result, as: UTF8.self)
    }

    private static func lastIndex(of byte: UInt8, in text: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int? {
        var index = end - 1
        while index >= start {
            if text[index] == byte { return index }
            index -= 1
        }
        return nil
    }

    private static func firstIndex(of byte: UInt8, in text: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int? {
        var index = start
        while index < end {
            if text[index] == byte { return index }
            index += 1
        }
        return nil
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A
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

    /// Whether `text[start...]` begins with the lowercase `word`, ASCII letters in any case.
    private static func equalsIgnoringCase(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard start + count <= text.count else { return false }
        for offset in 0..<count {
            let byte = text[start + offset]
            if (byte &- 0x41 < 26 ? byte | 0x20 : byte) != word.utf8Start[offset] { return false }
        }
        return true
    }
}
