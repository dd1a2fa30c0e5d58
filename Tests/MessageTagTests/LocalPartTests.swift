import MailModel
@testable import MessageTag
import Testing

/// Tags are looked for in plain ASCII addresses and Message-IDs by bytes: the local part found
/// must be the one the character search finds.
@Suite("Local parts by bytes")
struct LocalPartTests {
    @Test func plainTextGivesTheSameLocalPartByBytesAsByCharacters() {
        let pieces = ["<", ">", "@", "@", "+", ".", " ", "\t", "company", "m12r0.k1.", "Name", "\"", "\n", "a b"]
        var state: UInt64 = 11
        func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(truncatingIfNeeded: state >> 33)
        }
        for _ in 0..<4000 {
            let text = (0..<(next() % 12)).map { _ in pieces[next() % pieces.count] }.joined()
            #expect(PlainASCII.isPlain(text))
            #expect(OutgoingTag.localPart(plain: text) == OutgoingTag.localPart(of: text), "\(text.debugDescription)")
        }
        #expect(!PlainASCII.isPlain("caf\u{E9}@b") && !PlainASCII.isPlain("a\r\nb"))
    }
}
