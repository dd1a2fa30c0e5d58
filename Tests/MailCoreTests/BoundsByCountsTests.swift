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
        #expect(Self.keeps(String(repeating: "X: a\n", count: BoundsByCounts.lineLimit - 1)))
        // More lines than containers may number: let through while the lines that may start a
        // Content-Type field (with "c" or "C") are no more than the containers allowed.
        let containers = MessageBounds.maximumContainers
        #expect(Self.keeps(String(repeating: "Cc: a\n", count: containers) + "b\n"))
        #expect(!Self.keeps(String(repeating: "Cc: a\n", count: containers + 1)))
        // Lines after a lone CR count; a CRLF is one line end.
        #expect(!Self.keeps("c\n" + String(repeating: "b\rcontent\r\n", count: containers)))
        #expect(Self.keeps("c\n" + String(repeating: "b\rcontent\r\n", count: containers - 1)))
        #expect(Self.keeps(String(repeating: "b\r\ncontent\r\nc\r\n", count: containers / 2) + String(repeating: "b\n", count: 300)))
        #expect(Self.keeps(String(repeating: "a\n", count: BoundsByCounts.lineLimitByStarts - 1)))
        #expect(!Self.keeps(String(repeating: "a\n", count: BoundsByCounts.lineLimitByStarts)))
        #expect(!Self.keeps(String(repeating: "a\r\n", count: BoundsByCounts.lineLimitByStarts / 2)))
        #expect(!Self.keeps(String(repeating: "a", count: MessageBounds.maximumLineLength + 1)))
        #expect(Self.keeps(""))
    }

    /// Generated messages around the counts' thresholds, hostile ones among them: the verdict is
    /// the scan's.
    @Test func theVerdictIsTheScans() {
        let pieces = ["(", "(", ")", "\"", "\\", "\n", "\r\n", "\r", "Content-Type: multipart/mixed\n", "--b\n",
                      "X: ", "text ", "\n\n", " ", "\t", "X: " + String(repeating: "(", count: 30)]
        var random = FixedSequence(seed: 2_026)
        // Long messages of many lines, around as many Content-Type fields as the containers allowed,
        // with line ends of every kind.
        // In the first kind every line starting with "c" is a container; the second has more such
        // lines, after each kind of line end.
        let longPieces = ["Content-Type: multipart/mixed\n", "Content-Type: multipart/mixed\n", "Content-Type: message/rfc822\n",
                          "a\n", "b\r\n", "--b\n", "text\n", "x\ry\n"]
        let mixedPieces = longPieces + ["c\r", "C\n", "x\rcontent\n", "\r\ncc\r\n"]
        var counted = 0
        var countedLong = 0
        var scanned = 0
        var violations = 0
        for round in 0..<4_500 {
            // Short messages of the plain pieces, long ones with deep comments, and ones of many lines.
            var text = ""
            switch round % 3 {
            case 0: for _ in 0..<(20 + random.next() % 200) { text += pieces[random.next() % (pieces.count - 1)] }
            case 1: for _ in 0..<(20 + random.next() % 700) { text += pieces[random.next() % pieces.count] }
            default:
                let kind = round % 2 == 0 ? longPieces : mixedPieces
                for _ in 0..<(300 + random.next() % 700) { text += kind[random.next() % kind.count] }
            }
            let bytes = Array(text.utf8)
            let verdict = MessageBounds.violation(in: bytes)
            #expect(verdict == MessageBounds.scannedViolation(in: bytes), "\(text.debugDescription)")
            if bytes.withUnsafeBufferPointer({ BoundsByCounts.keepsEveryLimit($0) }) {
                counted += 1
                if bytes.count(where: { $0 == 0x0A }) >= BoundsByCounts.lineLimit { countedLong += 1 }
            } else {
                scanned += 1
            }
            if verdict != nil { violations += 1 }
        }
        // Both ways are taken, and the scanned ones include messages over a limit.
        #expect(counted > 300)
        #expect(countedLong > 100)
        #expect(scanned > 300)
        #expect(violations > 30)
    }
}
