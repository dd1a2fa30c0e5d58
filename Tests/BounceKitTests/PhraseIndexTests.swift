@testable import BounceKit
import Testing

/// The phrase index must find what searching the phrases one by one finds: the first phrase in
/// list order that the text holds.
@Suite("Phrase index")
struct PhraseIndexTests {
    /// Texts made of whole phrases, their halves and filler, by a fixed generator.
    static func texts(from phrases: [Phrase], count: Int, seed: UInt64) -> [SearchText] {
        var sequence = FixedSequence(seed: seed)
        func next() -> Int { sequence.next() }
        let filler: [[UInt8]] = [Array(" ".utf8), Array("550 5.1.1 ".utf8), Array("x".utf8), Array("\n".utf8), [0xC3, 0xA9]]
        return (0..<count).map { _ in
            var bytes: [UInt8] = []
            for _ in 0..<(next() % 12) {
                let phrase = phrases[next() % phrases.count].bytes
                switch next() % 4 {
                case 0: bytes += phrase
                case 1: bytes += phrase.prefix(phrase.count / 2 + 1)
                case 2: bytes += phrase.suffix(phrase.count / 2 + 1)
                default: bytes += filler[next() % filler.count]
                }
            }
            return SearchText(lowercased: bytes)
        }
    }

    @Test(arguments: [ReasonPhrases.Tier.specific, .general])
    func theIndexFindsTheFirstPhraseTheTextHolds(tier: ReasonPhrases.Tier) {
        let phrases = (tier == .specific ? ReasonPhrases.specific : ReasonPhrases.general).map(\.phrase)
        let index = PhraseIndex(phrases)
        var found = 0
        for text in Self.texts(from: phrases, count: 4000, seed: tier == .specific ? 3 : 4) {
            let expected = phrases.firstIndex(where: text.contains)
            #expect(index.firstMatch(in: text) == expected)
            if expected != nil { found += 1 }
        }
        // Most texts hold a phrase, some none: both outcomes are compared.
        #expect(found > 1000 && found < 4000)
    }

    @Test func shortLongAndEmptyPhrases() {
        let phrases: [Phrase] = ["", "z", "ab", "abc", "b", "bc"]
        let index = PhraseIndex(phrases)
        for (text, expected) in [("", nil), ("a", nil), ("ab", 2), ("xabc", 2), ("bc", 4), ("c", nil), ("zab", 1), ("ac", nil)] as [(String, Int?)] {
            #expect(index.firstMatch(in: SearchText(text)) == expected, "\(text)")
            #expect(phrases.firstIndex(where: SearchText(text).contains) == expected, "\(text)")
        }
    }

    @Test(arguments: [ReasonPhrases.Tier.specific, .general])
    func theEarliestMatchIsWhereTheFirstPhraseStarts(tier: ReasonPhrases.Tier) {
        let phrases = (tier == .specific ? ReasonPhrases.specific : ReasonPhrases.general).map(\.phrase)
        let index = PhraseIndex(phrases)
        var found = 0
        for text in Self.texts(from: phrases, count: 3000, seed: tier == .specific ? 5 : 6) {
            // The earliest first offset; of phrases starting there, the first in list order.
            var expected: (index: Int, offset: Int)?
            for (position, phrase) in phrases.enumerated() {
                if let offset = text.firstOffset(of: phrase, from: 0), offset < expected?.offset ?? Int.max { expected = (position, offset) }
            }
            let match = index.earliestMatch(in: text)
            #expect(match?.index == expected?.index && match?.offset == expected?.offset)
            if expected != nil { found += 1 }
        }
        #expect(found > 500 && found < 3000)
        let short = PhraseIndex(["", "z", "ab", "b"])
        #expect(short.earliestMatch(in: SearchText("xxbz"))?.index == 3)
        #expect(short.earliestMatch(in: SearchText("xzab"))?.offset == 1)
        #expect(short.earliestMatch(in: SearchText("abz"))?.index == 2)
        #expect(short.earliestMatch(in: SearchText("")) == nil)
    }

    /// The command named last, by the reading before the search from the end was pruned: every
    /// phrase's last occurrence in table order, a later or equal offset winning.
    @Test func theLastCommandIsTheOneNamedLast() {
        let phrases = SMTPCommand.phrases.flatMap(\.1)
        var named = 0
        for text in Self.texts(from: phrases, count: 4000, seed: 7) {
            var expected: (command: SMTPCommand, offset: Int)?
            for (command, list) in SMTPCommand.phrases {
                for phrase in list {
                    var last: Int?
                    var start = 0
                    while let found = text.firstOffset(of: phrase, from: start) { last = found; start = found + 1 }
                    if let last, last >= expected?.offset ?? 0 { expected = (command, last) }
                }
            }
            #expect(SMTPCommand.last(in: text) == expected?.command)
            if expected != nil { named += 1 }
            for phrase in phrases.prefix(8) {
                for bound in [0, 1, text.bytes.count / 2, text.bytes.count] {
                    let naive = (bound..<max(bound, text.bytes.count - phrase.bytes.count + 1)).last {
                        Array(text.bytes[$0..<($0 + phrase.bytes.count)]) == phrase.bytes
                    }
                    #expect(text.lastOffset(of: phrase, notBefore: bound) == naive)
                }
            }
        }
        #expect(named > 1000 && named < 4000)
    }
}
