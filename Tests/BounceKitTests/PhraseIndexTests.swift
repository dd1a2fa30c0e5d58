@testable import BounceKit
import TestSupport
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

    /// Each text is looked up both ways: the first phrase in list order it holds anywhere
    /// (`firstMatch`), and the phrase that starts earliest, the first in list order of those
    /// starting there (`earliestMatch`).
    @Test(arguments: [ReasonPhrases.Tier.specific, .general])
    func theIndexFindsWhatSearchingOneByOneFinds(tier: ReasonPhrases.Tier) {
        let phrases = (tier == .specific ? ReasonPhrases.specific : ReasonPhrases.general).map(\.phrase)
        let index = PhraseIndex(phrases)
        var found = 0
        for text in Self.texts(from: phrases, count: 4000, seed: tier == .specific ? 3 : 4) {
            let expected = phrases.firstIndex(where: text.contains)
            #expect(index.firstMatch(in: text) == expected)
            var earliest: (index: Int, offset: Int)?
            for (position, phrase) in phrases.enumerated() {
                if let offset = text.firstOffset(of: phrase, from: 0), offset < earliest?.offset ?? Int.max { earliest = (position, offset) }
            }
            let match = index.earliestMatch(in: text)
            #expect(match?.index == earliest?.index && match?.offset == earliest?.offset)
            var latest: (index: Int, offset: Int)?
            for (position, phrase) in phrases.enumerated() {
                if let offset = text.lastOffset(of: phrase), offset > latest?.offset ?? -1 { latest = (position, offset) }
            }
            let last = index.latestMatch(in: text)
            #expect(last?.index == latest?.index && last?.offset == latest?.offset)
            if expected != nil { found += 1 }
        }
        // Most texts hold a phrase, some none: both outcomes are compared.
        #expect(found > 1000 && found < 4000)
    }

    /// Lists of phrases four bytes or longer are read at every few offsets only (`PhraseStride`):
    /// the three lookups must still find what searching one by one finds, in long texts too, for
    /// the lists the detectors search with and for generated lists of every shortest length.
    @Test(arguments: 0..<12)
    func probedListsFindWhatSearchingOneByOneFinds(list: Int) {
        let phrases: [Phrase]
        switch list {
        case 0: phrases = SMTPCommand.phrases.flatMap(\.1)
        case 1: phrases = TextReport.originalMarkers
        default:
            // Phrases over a small alphabet, so that texts hold them and their near misses often.
            var sequence = FixedSequence(seed: UInt64(100 + list))
            let alphabet = Array("ab -\n".utf8)
            let shortest = list + 2
            phrases = (0..<(3 + sequence.next() % 30)).map { _ in
                Phrase(bytes: (0..<(shortest + sequence.next() % 6)).map { _ in alphabet[sequence.next() % alphabet.count] })
            }
        }
        let index = PhraseIndex(phrases)
        #expect(index.stride != nil)
        let short = Self.texts(from: phrases, count: 3000, seed: UInt64(list))
        // Long texts too: a probe's window then lies well inside the text.
        let long = (0..<300).map { start in
            SearchText(lowercased: short[start..<(start + 8)].flatMap(\.bytes) + Array(" filler text ".utf8))
        }
        // Each phrase alone, at every offset of a probe's window and beyond.
        let alone = phrases.flatMap { phrase in
            (0..<(2 * (index.stride?.stride ?? 1) + 3)).map { shift in
                SearchText(lowercased: Array(repeating: UInt8(ascii: "x"), count: shift) + phrase.bytes + Array("xxxxx".utf8))
            }
        }
        var found = 0
        for text in short + long + alone {
            #expect(index.firstMatch(in: text) == phrases.firstIndex(where: text.contains))
            var earliest: (index: Int, offset: Int)?
            var latest: (index: Int, offset: Int)?
            for (position, phrase) in phrases.enumerated() {
                if let offset = text.firstOffset(of: phrase, from: 0), offset < earliest?.offset ?? Int.max { earliest = (position, offset) }
                if let offset = text.lastOffset(of: phrase), offset > latest?.offset ?? -1 { latest = (position, offset) }
            }
            let first = index.earliestMatch(in: text), last = index.latestMatch(in: text)
            #expect(first?.index == earliest?.index && first?.offset == earliest?.offset)
            #expect(last?.index == latest?.index && last?.offset == latest?.offset)
            if earliest != nil { found += 1 }
        }
        #expect(found > 300 && found < 3300 + alone.count)
    }

    /// A literal phrase keeps the literal's bytes: one character (which Swift may give as a
    /// Unicode scalar literal), non-ASCII and empty literals read and search like owned bytes.
    @Test func literalPhrasesAreTheirBytes() {
        let literals: [Phrase] = ["x", "", "\u{E9}t\u{E9}", "550 5.1.1", "zzq"]
        let texts = ["x", "l'\u{E9}t\u{E9} x", "550 5.1.1 zzq", ""]
        for (literal, string) in zip(literals, ["x", "", "\u{E9}t\u{E9}", "550 5.1.1", "zzq"]) {
            let owned = Phrase(bytes: Array(string.utf8))
            #expect(literal.bytes == Array(string.utf8) && literal.count == string.utf8.count)
            #expect(literal.anchor == owned.anchor)
            for text in texts.map(SearchText.init) {
                #expect(text.firstOffset(of: literal, from: 0) == text.firstOffset(of: owned, from: 0))
                #expect(text.lastOffset(of: literal) == text.lastOffset(of: owned))
            }
        }
        #expect(Phrase("ekz").anchor == 2 && Phrase("ek:").anchor == 1 && Phrase("z").anchor == 0)
    }

    @Test func shortLongAndEmptyPhrases() {
        let phrases: [Phrase] = ["", "z", "ab", "abc", "b", "bc"]
        let index = PhraseIndex(phrases)
        for (text, expected) in [("", nil), ("a", nil), ("ab", 2), ("xabc", 2), ("bc", 4), ("c", nil), ("zab", 1), ("ac", nil)] as [(String, Int?)] {
            #expect(index.firstMatch(in: SearchText(text)) == expected, "\(text)")
            #expect(phrases.firstIndex(where: SearchText(text).contains) == expected, "\(text)")
        }
        let short = PhraseIndex(["", "z", "ab", "b"])
        #expect(short.earliestMatch(in: SearchText("xxbz"))?.index == 3)
        #expect(short.earliestMatch(in: SearchText("xzab"))?.offset == 1)
        #expect(short.earliestMatch(in: SearchText("abz"))?.index == 2)
        #expect(short.earliestMatch(in: SearchText("")) == nil)
        #expect(short.latestMatch(in: SearchText("abzx"))?.index == 1)
        #expect(short.latestMatch(in: SearchText("zab")).map { [$0.index, $0.offset] } == [3, 2])
        // Two phrases starting at the latest offset: the first in list order.
        #expect(PhraseIndex(["x", "abc", "ab"]).latestMatch(in: SearchText("xqabc")).map { [$0.index, $0.offset] } == [1, 2])
        #expect(PhraseIndex(["x", "ab", "abc"]).latestMatch(in: SearchText("xqabc")).map { [$0.index, $0.offset] } == [1, 2])
        #expect(short.latestMatch(in: SearchText("b"))?.index == 3)
        #expect(short.latestMatch(in: SearchText("")) == nil)
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
        // Overlapping phrases: the one starting later wins.
        #expect(SMTPCommand.last(in: "550 rejected (in reply to RCPT TO command)") == .rcpt)
        #expect(SMTPCommand.last(in: ">>> RCPT TO:<a@b>\n<<< 250 ok\n>>> DATA\n<<< 554 no") == .data)
        #expect(SMTPCommand.last(in: "nothing here") == nil)
    }
}
