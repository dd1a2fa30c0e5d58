import MailModel
@testable import MessageTag
import TestSupport
import Testing

/// Tags are looked for in plain ASCII addresses and Message-IDs by bytes: the local part found
/// must be the one the character search finds.
@Suite("Local parts by bytes")
struct LocalPartTests {
    @Test func plainTextGivesTheSameLocalPartByBytesAsByCharacters() {
        let pieces = ["<", ">", "@", "@", "+", ".", " ", "\t", "company", "m12r0.k1.", "Name", "\"", "\n", "a b"]
        var random = FixedSequence(seed: 11)
        for _ in 0..<4000 {
            let text = (0..<(random.next() % 12)).map { _ in pieces[random.next() % pieces.count] }.joined()
            #expect(PlainASCII.isPlain(text))
            var copy = text
            let range = copy.withUTF8(OutgoingTag.localPartRange(plain:))
            #expect(Array(text.utf8)[range].elementsEqual(OutgoingTag.localPart(of: text).utf8), "\(text.debugDescription)")
        }
        #expect(!PlainASCII.isPlain("caf\u{E9}@b") && !PlainASCII.isPlain("a\r\nb"))
    }

    /// The tag in a plain address or Message-ID, read by byte offsets, is the one the character
    /// reading finds: the subaddress after the local part's last '+', and the Message-ID's first
    /// three dot-separated fields (the earlier split-and-join, kept here).
    @Test func tagsByBytesAreTheTagsByCharacters() {
        let tags = ["m12r0.k1.abcdefghijklmnop", "M7.K1.AAAAAAAAAAAAAAAA", "m1.k1.x"]
        let pieces = ["<", ">", "@", "+", ".", " ", "\t", "company", "Name", "\"", "x", "example.org"] + tags
        var random = FixedSequence(seed: 12)
        var found = 0
        for _ in 0..<6000 {
            let text = (0..<(random.next() % 10)).map { _ in pieces[random.next() % pieces.count] }.joined()
            let local = OutgoingTag.localPart(of: text)
            let subaddress = local.lastIndex(of: "+").flatMap { OutgoingTag(text: local[local.index(after: $0)...]) }
            #expect(OutgoingTag.inAddress(text) == subaddress, "\(text.debugDescription)")
            let fields = local.split(separator: ".", maxSplits: 3, omittingEmptySubsequences: false)
            let messageIDTag = fields.count >= 3 ? OutgoingTag(text: fields[0..<3].joined(separator: ".")) : nil
            #expect(OutgoingTag.inMessageID(text) == messageIDTag, "\(text.debugDescription)")
            if subaddress != nil || messageIDTag != nil { found += 1 }
        }
        #expect(found > 100)
    }
}
