@testable import MailCore
import TestSupport
import Testing

/// `BoundsScanner.scan` ends lines at LF, CR or CRLF, finding each kind of break with its own
/// search: the lines it measures must be the ones a byte-at-a-time split gives, however the
/// breaks are mixed.
@Suite("Bounds scanner lines")
struct BoundsScannerLineTests {
    /// The lines of `bytes`, split a byte at a time.
    static func lines(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var lines: [ArraySlice<UInt8>] = []
        var start = 0
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0x0A || bytes[index] == 0x0D {
                lines.append(bytes[start..<index])
                index += bytes[index] == 0x0D && index + 1 < bytes.count && bytes[index + 1] == 0x0A ? 2 : 1
                start = index
            } else {
                index += 1
            }
        }
        if start < bytes.count { lines.append(bytes[start...]) }
        return lines
    }

    @Test func linesEndAtEveryKindOfBreak() {
        let pieces: [[UInt8]] = [Array("ab".utf8), Array("long line of text".utf8), [0x0A], [0x0D], [0x0D, 0x0A],
                                 [0x0A, 0x0D], Array("--b".utf8), Array("-x".utf8)]
        var random = FixedSequence(seed: 5)
        for _ in 0..<3000 {
            let bytes = (0..<(random.next() % 16)).flatMap { _ in pieces[random.next() % pieces.count] }
            let scanner = bytes.withUnsafeBufferPointer { BoundsScanner.scan($0) }
            let lines = Self.lines(bytes)
            #expect(scanner.longestLine == lines.map(\.count).max() ?? 0, "\(bytes)")
            #expect(scanner.delimiterLines == lines.filter { $0.starts(with: [0x2D, 0x2D]) }.count, "\(bytes)")
        }
    }
}

/// Header values are read for their comments' depth eight bytes at a time up to the first '(' or
/// '"': the depth must be what reading every byte gives (RFC 5322 §3.2.2 comments, §3.2.4 quoted
/// strings, §3.2.1 quoted pairs), wherever those bytes fall in a word.
@Suite("Bounds scanner comments")
struct BoundsScannerCommentTests {
    /// The deepest comment of one unfolded value, a byte at a time.
    static func deepest(_ value: [UInt8]) -> Int {
        var escaped = false, quoted = false, depth = 0, deepest = 0
        for byte in value {
            if escaped {
                escaped = false
            } else if byte == UInt8(ascii: "\\"), quoted || depth > 0 {
                escaped = true
            } else if quoted {
                if byte == UInt8(ascii: "\"") { quoted = false }
            } else if byte == UInt8(ascii: "(") {
                depth += 1
                deepest = max(deepest, depth)
            } else if byte == UInt8(ascii: ")") {
                if depth > 0 { depth -= 1 }
            } else if byte == UInt8(ascii: "\""), depth == 0 {
                quoted = true
            }
        }
        return deepest
    }

    @Test func theDepthIsWhatReadingEveryByteGives() {
        let pieces = ["(", ")", "\"", "\\", "a", "bcdefghijklm", " ", "((", "))"]
        var random = FixedSequence(seed: 21)
        var nested = 0
        for _ in 0..<4000 {
            let value = Array((0..<(random.next() % 24)).map { _ in pieces[random.next() % pieces.count] }.joined().utf8)
            let message = Array("X-Test: ".utf8) + value + Array("\n\nbody\n".utf8)
            let scanner = message.withUnsafeBufferPointer { BoundsScanner.scan($0) }
            let expected = Self.deepest(value)
            #expect(scanner.deepestComment == expected, "\(String(decoding: value, as: UTF8.self))")
            if expected > 1 { nested += 1 }
        }
        #expect(nested > 200)
    }
}
