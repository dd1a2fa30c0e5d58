@testable import BounceKit
import Testing

@Suite("SMTP command names")
struct SMTPCommandNameTests {
    /// Rules and traces name a command as `"\(command)"` did (the case name): `caseName` spells
    /// it without reflection and must not change what a rule says.
    @Test(arguments: SMTPCommand.allCases)
    func caseNameIsWhatPrintingTheCaseGave(command: SMTPCommand) {
        #expect(command.caseName == String(describing: command))
    }

    /// `last(in:)` reads the text once from its end; it must name what searching each phrase's
    /// last occurrence one by one named (the earlier reading, kept here whole): the latest, and at
    /// equal offsets the phrase later in `phrases`.
    @Test func theLastCommandIsWhatSearchingEachPhraseFinds() {
        let phrases = SMTPCommand.phrases.flatMap(\.1)
        var named = 0
        for text in PhraseIndexTests.texts(from: phrases, count: 4000, seed: 11) {
            var best: (command: SMTPCommand, offset: Int)?
            for (command, phrases) in SMTPCommand.phrases {
                for phrase in phrases {
                    if let offset = text.lastOffset(of: phrase, notBefore: best?.offset ?? 0) { best = (command, offset) }
                }
            }
            #expect(SMTPCommand.last(in: text) == best?.command)
            if best != nil { named += 1 }
        }
        #expect(named > 1000 && named < 4000)
        // Overlapping phrases: the one starting later wins; at one offset, the later in the list.
        #expect(SMTPCommand.last(in: "550 rejected (in reply to RCPT TO command)") == .rcpt)
        #expect(SMTPCommand.last(in: ">>> RCPT TO:<a@b>\n<<< 250 ok\n>>> DATA\n<<< 554 no") == .data)
        #expect(SMTPCommand.last(in: "after end of data") == .data)
        #expect(SMTPCommand.last(in: "nothing here") == nil)
    }
}
