@testable import MailCore
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
        var state: UInt64 = 5
        func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(truncatingIfNeeded: state >> 33)
        }
        for _ in 0..<3000 {
            let bytes = (0..<(next() % 16)).flatMap { _ in pieces[next() % pieces.count] }
            let scanner = bytes.withUnsafeBufferPointer { BoundsScanner.scan($0) }
            let lines = Self.lines(bytes)
            #expect(scanner.longestLine == lines.map(\.count).max() ?? 0, "\(bytes)")
            #expect(scanner.delimiterLines == lines.filter { $0.starts(with: [0x2D, 0x2D]) }.count, "\(bytes)")
        }
    }
}
