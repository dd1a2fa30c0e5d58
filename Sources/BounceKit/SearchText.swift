#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

/// Text prepared for many case-insensitive substring searches: its UTF-8 bytes with ASCII letters
/// lowercased. Report wording is ASCII, and a plain byte search is what keeps classification
/// fast; `String.contains` costs grapheme-cluster work on every comparison.
struct SearchText {
    let bytes: [UInt8]

    init(_ text: String) {
        var text = text
        // Native strings are contiguous UTF-8: lowercase straight from their storage.
        bytes = text.withUTF8 { Self.lowercased($0) }
    }

    /// ASCII letters lowercased, other bytes as they are.
    static func lowercased(_ source: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: source.count) { buffer, count in
            for index in 0..<source.count {
                let byte = source[index]
                buffer[index] = byte &- 0x41 < 26 ? byte | 0x20 : byte
            }
            count = source.count
        }
    }

    /// Bytes already lowercased (a slice of another `SearchText`).
    init(lowercased bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Lowercases raw UTF-8 bytes.
    init(bytes: [UInt8]) {
        self.bytes = bytes.withUnsafeBufferPointer(Self.lowercased)
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
                guard let base = haystack.baseAddress else { return nil }
                let lastStart = haystack.count - needle.count
                var index = start
                while index <= lastStart {
                    // memchr finds the candidate first byte many bytes at a time.
                    guard let hit = memchr(base + index, Int32(first), lastStart - index + 1) else { return nil }
                    index = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    var matched = 1
                    while matched < needle.count, haystack[index + matched] == needle[matched] { matched += 1 }
                    if matched == needle.count { return index }
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
