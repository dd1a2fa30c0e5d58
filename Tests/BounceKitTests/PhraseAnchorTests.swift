@testable import BounceKit
import Testing
import TestSupport

/// Where a phrase search looks first: the phrase's first least common byte.
@Suite("Phrase anchors")
struct PhraseAnchorTests {
    @Test func leastCommonnessIsTheLowestAnyByteHas() {
        #expect((0...255).map { Phrase.commonness(UInt8($0)) }.min() == Int(Phrase.leastCommonness))
    }

    /// The scan that stops at a byte of the least commonness picks the byte the whole scan picks.
    @Test func theAnchorIsTheFirstOfTheRarestBytes() {
        var sequence = FixedSequence(seed: 1951)
        let alphabet = Array("etaoinsrhldcum.fpgwybv-0k:@=qxjz'(/ \n".utf8)
        for _ in 0..<5_000 {
            let bytes = (0..<(1 + sequence.next() % 24)).map { _ in alphabet[sequence.next() % alphabet.count] }
            let commonness = bytes.map(Phrase.commonness)
            let lowest = commonness.min()!
            #expect(Phrase(bytes: bytes).anchor == commonness.firstIndex(of: lowest), "\(String(decoding: bytes, as: UTF8.self))")
        }
    }
}
