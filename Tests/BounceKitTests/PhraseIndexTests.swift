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
}
