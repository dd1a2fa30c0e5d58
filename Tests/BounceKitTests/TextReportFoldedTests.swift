@testable import BounceKit
import Testing
import TestSupport

/// A report's lines joined into one diagnostic.
@Suite("Folded report lines")
struct TextReportFoldedTests {
    /// Written into one buffer, the lines fold as appending each byte to a growing array folds
    /// them (the reading before): single spaces between words and lines, none at either end.
    @Test func foldingIntoABufferAgreesWithAppending() {
        let pieces = ["550", " ", "  ", "\t", "\r", "\n", "5.1.1", "user", "unknown", "é", "ü x", "<a@b>", ""]
        var sequence = FixedSequence(seed: 2045)
        for _ in 0..<3_000 {
            let lines = (0..<(sequence.next() % 6)).map { _ in Substring(sequence.text(of: pieces, fewerThan: 8)) }
            #expect(TextReport.folded(lines) == Self.foldedByAppending(lines), "\(lines)")
        }
    }

    private static func foldedByAppending(_ lines: [Substring]) -> String {
        var bytes: [UInt8] = []
        var pendingSpace = false
        for line in lines {
            for byte in line.utf8 {
                if byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A {
                    pendingSpace = !bytes.isEmpty
                } else {
                    if pendingSpace { bytes.append(0x20); pendingSpace = false }
                    bytes.append(byte)
                }
            }
            pendingSpace = !bytes.isEmpty
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
