#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif
import MailModel

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

    init(_ text: Substring) {
        var text = text
        bytes = text.withUTF8 { Self.lowercased($0) }
    }

    /// ASCII letters lowercased, other bytes as they are.
    static func lowercased(_ source: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: source.count) { buffer, count in
            for index in 0..<source.count {
                let byte = source[index]
                buffer[index] = PlainASCII.lowercased(byte)
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

    /// The offset of the last occurrence of `phrase` that starts at `lowerBound` or later.
    func lastOffset(of phrase: Phrase, notBefore lowerBound: Int = 0) -> Int? {
        var last: Int?
        var start = lowerBound
        while let found = firstOffset(of: phrase, from: start) {
            last = found
            start = found + 1
        }
        return last
    }

    func firstOffset(of phrase: Phrase, from start: Int) -> Int? {
        bytes.withUnsafeBufferPointer { Self.firstOffset(of: phrase, in: $0, from: start) }
    }

    /// The offset of the first occurrence of `phrase`'s exact bytes in `haystack` that starts at
    /// `start` or later: the search of every `SearchText`, for bytes kept as they are (JSON, whose
    /// keys are case-sensitive) as well.
    static func firstOffset(of phrase: Phrase, in haystack: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard start >= 0, phrase.count > 0 else { return nil }
        return phrase.withBytes { needle in
            guard let base = haystack.baseAddress else { return nil }
            // memchr finds the phrase's rarest byte many bytes at a time; the rest is compared
            // around each hit.
            let anchor = phrase.anchor
            let target = Int32(needle[anchor])
            var position = start + anchor
            let lastAnchor = haystack.count - needle.count + anchor
            while position <= lastAnchor {
                guard let hit = memchr(base + position, target, lastAnchor - position + 1) else { return nil }
                let found = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                let candidate = found - anchor
                var matched = 0
                while matched < needle.count, haystack[candidate + matched] == needle[matched] { matched += 1 }
                if matched == needle.count { return candidate }
                position = found + 1
            }
            return nil
        }
    }
}

/// A lowercase phrase to search for. A literal keeps the literal's own bytes (no copy: detectors
/// write their phrases inline, and a message meets a few dozen of them); other phrases own theirs.
struct Phrase: ExpressibleByStringLiteral, Sendable {
    private enum Storage: Sendable {
        case literal(StaticString)
        case owned([UInt8])
    }

    private let storage: Storage

    /// The offset of the byte least common in mail text, which searches look for first.
    let anchor: Int

    /// The number of bytes.
    let count: Int

    init(stringLiteral value: StaticString) {
        storage = .literal(value)
        (anchor, count) = value.withUTF8Buffer { (Self.anchor(of: $0), $0.count) }
    }

    init(bytes: [UInt8]) {
        storage = .owned(bytes)
        (anchor, count) = bytes.withUnsafeBufferPointer { (Self.anchor(of: $0), $0.count) }
    }

    /// Calls `body` with the phrase's bytes, valid only inside it.
    @inline(__always)
    func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        switch storage {
        case .literal(let literal): return literal.withUTF8Buffer(body)
        case .owned(let bytes): return bytes.withUnsafeBufferPointer(body)
        }
    }

    /// The bytes, copied.
    var bytes: [UInt8] { withBytes { Array($0) } }

    /// The first offset of the least common byte. Detectors make their phrases from literals where
    /// they search, so this runs for every phrase a message meets: the table is read through one
    /// pointer and each byte looked up once.
    private static func anchor(of bytes: UnsafeBufferPointer<UInt8>) -> Int {
        commonnessTable.withUnsafeBufferPointer { table in
            var anchor = 0
            var lowest = UInt8.max
            for offset in bytes.indices {
                let commonness = table[Int(bytes[offset])]
                if commonness < lowest {
                    lowest = commonness
                    anchor = offset
                    // No byte is rarer: the first of the rarest is found.
                    if commonness == leastCommonness { break }
                }
            }
            return anchor
        }
    }

    private static let commonnessTable: [UInt8] = (0...255).map { UInt8(commonness(UInt8($0))) }

    /// The lowest commonness any byte has (`commonness(_:)`'s default).
    static let leastCommonness: UInt8 = 10

    /// How common a lowercase byte is in English mail text: higher is commoner.
    static func commonness(_ byte: UInt8) -> Int {
        switch byte {
        case 0x20: return 30
        case UInt8(ascii: "e"): return 29
        case UInt8(ascii: "t"): return 28
        case UInt8(ascii: "a"), UInt8(ascii: "o"): return 27
        case UInt8(ascii: "i"), UInt8(ascii: "n"), UInt8(ascii: "s"), UInt8(ascii: "r"): return 26
        case UInt8(ascii: "h"), UInt8(ascii: "l"), UInt8(ascii: "d"): return 24
        case UInt8(ascii: "c"), UInt8(ascii: "u"), UInt8(ascii: "m"), 0x0A, UInt8(ascii: "."): return 22
        case UInt8(ascii: "f"), UInt8(ascii: "p"), UInt8(ascii: "g"), UInt8(ascii: "w"), UInt8(ascii: "y"): return 20
        case UInt8(ascii: "b"), UInt8(ascii: "v"), UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return 18
        case UInt8(ascii: "k"), UInt8(ascii: ":"), UInt8(ascii: "@"), UInt8(ascii: "="): return 15
        default: return 10
        }
    }
}
