@testable import BounceKit
import Testing
import TestSupport

/// `reason-phrases.tsv` is data reviewed as data: these checks keep its form sound.
@Suite("Reason phrase table")
struct ReasonPhraseTableTests {
    @Test func everyRowParses() {
        #expect(ReasonPhrases.table.problems == [])
        #expect(ReasonPhrases.specific.count > 100)
        #expect(ReasonPhrases.general.count > 100)
    }

    @Test func noPhraseIsListedTwiceInATier() {
        for tier in [ReasonPhrases.specific, ReasonPhrases.general] {
            var seen: Set<String> = []
            for entry in tier {
                #expect(seen.insert(entry.text).inserted, "listed twice: \(entry.text) (line \(entry.line))")
            }
        }
    }

    /// Rows are tried in file order: a row whose phrase contains an earlier row's phrase of another
    /// reason can never decide — it is dead and misleads the reader.
    @Test func noRowIsShadowedByAnEarlierRowOfAnotherReason() {
        for tier in [ReasonPhrases.specific, ReasonPhrases.general] {
            for (index, entry) in tier.enumerated() {
                for earlier in tier[..<index] where earlier.reason != entry.reason && entry.text.contains(earlier.text) {
                    Issue.record("line \(entry.line) \"\(entry.text)\" (\(entry.reason)) can never match: line \(earlier.line) \"\(earlier.text)\" (\(earlier.reason)) comes first")
                }
            }
        }
    }

    /// The text is read with spelling variants folded, so the table holds one spelling.
    @Test func spellingVariantsAreFolded() {
        #expect(ReasonPhrases.searchable("Mail  Box\tspace NOT enough; E-Mail rejected").bytes == Array("mailbox space not enough; email rejected".utf8))
        #expect(ReasonPhrases.searchable("the e-mail, voice-mail box, re-mail").bytes == Array("the email, voice-mailbox, re-mail".utf8))
        for entry in ReasonPhrases.specific + ReasonPhrases.general {
            #expect(!entry.text.contains("mail box") && !entry.text.contains("e-mail") && !entry.text.contains("  "),
                    "line \(entry.line) can never match: \(entry.text)")
        }
    }

    /// The folding is done in place in the lowercased copy; it gives what building a new array,
    /// byte by byte, gives (the reading before the in-place pass).
    @Test func foldingInPlaceAgreesWithCopying() {
        var sequence = FixedSequence(seed: 3464)
        let pieces = ["mail box", "Mail Box", "e-mail", "E-MAIL", "mail", "box", "e-", "-mail", "mail  box", "mail\tbox",
                      " ", "\n", "x", "e", "m", "b", "-", "voice", "re", "é", "ü-mail", "email"]
        for _ in 0..<3_000 {
            let text = sequence.text(of: pieces, fewerThan: 14)
            #expect(ReasonPhrases.searchable(text).bytes == Self.foldedByCopying(text), "\(text.debugDescription)")
        }
    }

    /// The reading before the in-place pass: lowercased and collapsed, then the variants replaced
    /// into a new array.
    private static func foldedByCopying(_ text: String) -> [UInt8] {
        var collapsed: [UInt8] = []
        var lastWasSpace = false
        for byte in text.utf8 {
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                if !lastWasSpace { collapsed.append(0x20) }
                lastWasSpace = true
                continue
            }
            collapsed.append(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte)
            lastWasSpace = false
        }
        func matches(_ index: Int, _ word: String) -> Bool {
            let word = Array(word.utf8)
            return index + word.count <= collapsed.count && Array(collapsed[index..<(index + word.count)]) == word
        }
        var bytes: [UInt8] = []
        var index = 0
        while index < collapsed.count {
            if matches(index, "mail box") {
                bytes += Array("mailbox".utf8)
                index += 8
            } else if matches(index, "e-mail"), index == 0 || !(collapsed[index - 1] >= 0x61 && collapsed[index - 1] <= 0x7A) {
                bytes += Array("email".utf8)
                index += 6
            } else {
                bytes.append(collapsed[index])
                index += 1
            }
        }
        return bytes
    }

    @Test func malformedRowsAreReportedNotUsed() {
        let parsed = ReasonPhrases.parse(Array("# note\n\nuserunknown\tspecific\t\"no such user\"\nnoreason\tgeneral\t\"x\"\nblocked\tgeneral\tunquoted\nblocked\tgeneral\t\"Upper\"\n".utf8))
        #expect(parsed.entries.map(\.text) == ["no such user"])
        #expect(parsed.entries.first?.line == 3)
        #expect(parsed.problems.count == 3)
    }

    @Test func theTraceNamesTheRowThatDecided() {
        let entry = ReasonPhrases.match(SearchText("550 5.1.1 <a@b>: No such user here"), tier: .general)
        #expect(entry?.reason == .userunknown)
        #expect(entry?.ruleName.hasPrefix("general phrase \"no such user\" (reason-phrases.tsv:") == true)
    }
}
