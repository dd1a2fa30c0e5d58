@testable import Ingest
import Testing

/// `Date:` fields (RFC 5322 §3.3 and the obsolete forms of §4.3) as seconds since 1970.
@Suite("MessageDate")
struct MessageDateTests {
    @Test(arguments: [
        ("Sun, 22 Nov 2026 13:04:58 +0000", 1_795_352_698),
        ("Sun, 22 Nov 2026 13:04:58 +0000 (UTC)", 1_795_352_698),
        ("22 Nov 2026 13:04:58 +0000", 1_795_352_698),
        ("Sun, 22 Nov 2026 08:04:58 -0500", 1_795_352_698),
        ("Sun, 22 Nov 2026 14:34:58 +0130", 1_795_352_698),
        ("Sun, 22 Nov 2026 08:04:58 EST", 1_795_352_698),
        ("Sun, 22 Nov 2026 13:04:58 GMT", 1_795_352_698),
        ("Sun,22 Nov 2026 13:04 +0000", 1_795_352_640),
        ("Sun, 22 November 2026 13:04:58 +0000", 1_795_352_698),
        ("Sun, 22 Nov 26 13:04:58 +0000", 1_795_352_698),
        ("Thu, 1 Jan 1970 00:00:00 +0000", 0),
        ("Tue, 29 Feb 2028 12:00:00 +0000", 1_835_438_400),
    ])
    func readableDates(_ field: String, _ seconds: Int64) {
        #expect(MessageDate.secondsSince1970(field) == seconds)
    }

    @Test(arguments: ["", "yesterday", "Sun, 22 Foo 2026 13:04:58 +0000", "Sun, 32 Nov 2026 13:04:58 +0000",
                      "Sun, 22 Nov 2026 25:04:58 +0000", "Sun, 22 Nov 2026 13:04:58 +00", "22 Nov 2026"])
    func unreadableDates(_ field: String) {
        #expect(MessageDate.secondsSince1970(field) == nil)
    }

    /// The byte tokenizer gives what the character one gives, on generated ASCII fields made of
    /// the pieces a Date field has and the ones it should not (comments, stray parentheses).
    @Test func plainFieldsSplitTheSameByBytesAsByCharacters() {
        let pieces = ["Sun", ",", " ", "\t", "\n", "22", "Nov", "2026", "13:04:58", "+0000", "(", ")", "UTC", "x", "-0500", "(a (b) c)"]
        var state: UInt64 = 7
        func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(truncatingIfNeeded: state >> 33)
        }
        for _ in 0..<3000 {
            var field = (0..<(next() % 14)).map { _ in pieces[next() % pieces.count] }.joined()
            let byBytes = field.withUTF8 { MessageDate.tokens(plain: $0) }
            #expect(byBytes == MessageDate.tokens(characters: field), "\(field.debugDescription)")
        }
        // "\r\n" is one character and no separator: such a field takes the character path.
        #expect(MessageDate.tokens("22\r\nNov") == ["22\r\nNov"])
    }
}
