/// Text prepared for many case-insensitive substring searches: its UTF-8 bytes with ASCII letters
/// lowercased. Report wording is ASCII, and a plain byte search is what keeps classification
/// fast; `String.contains` costs grapheme-cluster work on every comparison.
struct SearchText {
    let bytes: [UInt8]

    init(_ text: String) {
        bytes = text.utf8.map { $0 &- 0x41 < 26 ? $0 | 0x20 : $0 }
    }

    /// Lowercases raw UTF-8 bytes.
    init(bytes: [UInt8]) {
        self.bytes = bytes.map { $0 &- 0x41 < 26 ? $0 | 0x20 : $0 }
    }

    var isEmpty: Bool { bytes.isEmpty }

    func contains(_ phrase: Phrase) -> Bool {
        firstOffset(of: phrase, from: 0) != nil
    }

    /// The offset of the last occurrence of `phrase`.
    func lastOffset(of phrase: Phrase) -> Int? {
        var last: Int?
        var start = 0
        while let found = firstOffset(of: phrase, from: start) {
            last = found
            start = found + 1
        }
        return last
    }

    func firstOffset(of phrase: Phrase, from start: Int) -> Int? {
        guard start >= 0, let first = phrase.bytes.first else { return nil }
        return bytes.withUnsafeBufferPointer { haystack in
            phrase.bytes.withUnsafeBufferPointer { needle in
                let lastStart = haystack.count - needle.count
                var index = start
                while index <= lastStart {
                    if haystack[index] == first {
                        var matched = 1
                        while matched < needle.count, haystack[index + matched] == needle[matched] { matched += 1 }
                        if matched == needle.count { return index }
                    }
                    index += 1
                }
                return nil
            }
        }
    }
}

/// A lowercase phrase to search for, encoded once.
struct Phrase: ExpressibleByStringLiteral, Sendable {
    let bytes: [UInt8]

    init(stringLiteral value: String) {
        bytes = Array(value.utf8)
    }

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }
}
