@testable import Ingest
import TestSupport
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
        var random = FixedSequence(seed: 7)
        for _ in 0..<3000 {
            var field = (0..<(random.next() % 14)).map { _ in pieces[random.next() % pieces.count] }.joined()
            let byBytes = field.withUTF8 { MessageDate.tokens(plain: $0) }
            #expect(byBytes == MessageDate.tokens(characters: field), "\(field.debugDescription)")
        }
        // "\r\n" is one character and no separator: such a field takes the character path.
        #expect(MessageDate.tokens("22\r\nNov") == ["22\r\nNov"])
    }

    /// The byte reading decides the usual fields and leaves the rest to the general one: on
    /// generated fields, well formed and not, the two give the same seconds.
    @Test func plainFieldsReadTheSameByBytes() {
        let pieces = ["Sun", ",", " ", "\t", "\n", "22", "1", "+5", "007", "Nov", "november", "Foo", "2026", "26", "126",
                      "13:04:58", "13:04", "13::04", "25:00", "1:2:3:4", "+0000", "-0500", "+00", "+-123", "GMT", "est",
                      "(", ")", "(UTC)", "x", "1234567890", "JAN", "feb", "mAr", "December", "Sept", "Ma", "ju", "Äpr"]
        var random = FixedSequence(seed: 31)
        // A ")" outside a comment is dropped from its word by `tokens(_:)` ("ES)T" reads as EST):
        // the byte reading must not take such a word as it stands.
        for field in ["Ma)r 22 Nov 2026 13:04:58 +0000", "Sun, 22 Nov 2026 08:04:58 ES)T", "Sun, 2)2 Nov 2026 13:04:58 +0000",
                      "Sun, 22 No)v 2026 13:04:58 +0000", "Sun, 22 Nov 2026 13:04:58 +00)00"] {
            #expect(MessageDate.secondsSince1970(field) == MessageDate.generalSecondsSince1970(field), "\(field)")
        }
        var decided = 0
        for round in 0..<20_000 {
            let field: String
            if round % 2 == 0 {
                // Shaped like a Date field: day-of-week, day, month, year, time, zone, comment.
                let shape = [[0, 1], [5, 6, 7, 8, 30], [9, 10, 11, 31, 32, 33, 34, 35, 36, 37, 38], [12, 13, 14], [15, 16, 17, 18, 19], [20, 21, 22, 23, 24, 25], [28, 27, 29]]
                field = shape.map { pieces[$0[random.next() % $0.count]] }.joined(separator: " ")
            } else {
                field = (0..<(random.next() % 12)).map { _ in pieces[random.next() % pieces.count] }.joined()
            }
            var copy = field
            if copy.withUTF8({ MessageDate.plainSeconds($0) }) != nil { decided += 1 }
            #expect(MessageDate.secondsSince1970(field) == MessageDate.generalSecondsSince1970(field), "\(field.debugDescription)")
        }
        #expect(decided > 1_000)
    }
}
