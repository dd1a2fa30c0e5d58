@testable import MailCore
import TestSupport
import Testing

/// `BoundsByCounts` lets a message through without the scan only when no limit can be reached:
/// `MessageBounds.violation` then gives what the scan gives.
@Suite("Bounds by counts")
struct BoundsByCountsTests {
    static func keeps(_ text: String) -> Bool {
        Array(text.utf8).withUnsafeBufferPointer { BoundsByCounts.keepsEveryLimit($0) }
    }

    @Test func countingDecidesOnlyWhereNoLimitCanBeReached() {
        let line = "Subject: (a) b\r\n"
        #expect(Self.keeps(String(repeating: line, count: 10) + "\r\nbody\r\n"))
        // 64 parentheses may nest 64 deep, the limit; 65 might be 65: scanned.
        #expect(Self.keeps("X: " + String(repeating: "(", count: 64) + "\n"))
        #expect(!Self.keeps("X: " + String(repeating: "(", count: 65) + "\n"))
        // Lines end at LF, CR or CRLF (counted as two here: the count only bounds them).
        #expect(Self.keeps(String(repeating: "a\n", count: BoundsByCounts.lineLimit - 1)))
        #expect(!Self.keeps(String(repeating: "a\n", count: BoundsByCounts.lineLimit)))
        #expect(!Self.keeps(String(repeating: "a\r\n", count: BoundsByCounts.lineLimit / 2)))
        #expect(!Self.keeps(String(repeating: "a", count: MessageBounds.maximumLineLength + 1)))
        #expect(Self.keeps(""))
    }

    /// Generated messages around the counts' thresholds, hostile ones among them: the verdict is
    /// the scan's.
    @Test func theVerdictIsTheScans() {
        let pieces = ["(", "(", ")", "\"", "\\", "\n", "\r\n", "\r", "Content-Type: multipart/mixed\n", "--b\n",
                      "X: ", "text ", "\n\n", " ", "\t", "X: " + String(repeating: "(", count: 30)]
        var random = FixedSequence(seed: 2_026)
        var counted = 0
        var scanned = 0
        var violations = 0
        for round in 0..<3_000 {
            // Short messages of the plain pieces, and long ones with deep comments.
            let (length, kinds) = round % 2 == 0 ? (20 + random.next() % 200, pieces.count - 1)
                                                 : (20 + random.next() % 700, pieces.count)
            var text = ""
            for _ in 0..<length { text += pieces[random.next() % kinds] }
            let bytes = Array(text.utf8)
            let verdict = MessageBounds.violation(in: bytes)
            #expect(verdict == MessageBounds.scannedViolation(in: bytes), "\(text.debugDescription)")
            if bytes.withUnsafeBufferPointer({ BoundsByCounts.keepsEveryLimit($0) }) { counted += 1 } else { scanned += 1 }
            if verdict != nil { violations += 1 }
        }
        // Both ways are taken, and the scanned ones include messages over a limit.
        #expect(counted > 300)
        #expect(scanned > 300)
        #expect(violations > 30)
    }
}
