@testable import BounceKit
import Testing

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
