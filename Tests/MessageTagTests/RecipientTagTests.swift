import MessageTag
import Testing

/// Per-recipient tags `m{id}r{index}.{keyid}.{mac}`: the MAC covers the message id and the
/// recipient index, so a copy's tag verifies for that recipient's position only; the per-message
/// tags of older mail still parse and verify, and neither kind of MAC passes for the other.
@Suite("Recipient tags")
struct RecipientTagTests {
    static let signer = TagSigner(ring: KeyRing(keys: [try! SigningKey(id: "k1", secret: [UInt8](repeating: 7, count: 32))],
                                                currentID: "k1"))

    @Test(arguments: [(Int64(0), 0), (12, 1), (9_999_999, 41), (Int64.max, OutgoingTag.maxRecipientIndex)])
    func roundTrip(_ id: Int64, _ index: Int) throws {
        let tag = try Self.signer.tag(outgoingID: id, recipientIndex: index)
        #expect(tag.text == "m\(id)r\(index).k1.\(tag.mac)")
        #expect(tag.recipientIndex == index)
        let parsed = try #require(OutgoingTag(text: tag.text.uppercased()))
        #expect(parsed == tag)
        #expect(Self.signer.check(parsed) == .verified(outgoingID: id))
        #expect(OutgoingTag.inAddress("company+\(tag.text)@event.test") == tag)
        #expect(OutgoingTag.inMessageID("<\(tag.text)@event.test>") == tag)
    }

    @Test func eachRecipientHasItsOwnMAC() throws {
        let macs = try (0..<5).map { try Self.signer.tag(outgoingID: 12, recipientIndex: $0).mac }
        #expect(Set(macs).count == 5)
        #expect(try !macs.contains(Self.signer.tag(outgoingID: 12).mac))
    }

    /// A copy's MAC moved to another recipient index, or its index dropped to make a per-message
    /// tag, does not verify; nor does a per-message MAC given an index.
    @Test func indexesCannotBeSwappedOrDropped() throws {
        let first = try Self.signer.tag(outgoingID: 12, recipientIndex: 0)
        let old = try Self.signer.tag(outgoingID: 12)
        for text in ["m12r1.k1.\(first.mac)", "m12.k1.\(first.mac)", "m12r0.k1.\(old.mac)", "m13r0.k1.\(first.mac)"] {
            let forged = try #require(OutgoingTag(text: text), "\(text)")
            #expect(Self.signer.check(forged) == .badSignature, "\(text)")
        }
    }

    @Test func perMessageTagsOfOlderMailStillVerify() throws {
        let old = try Self.signer.tag(outgoingID: 12)
        #expect(old.text == "m12.k1.\(old.mac)")
        let parsed = try #require(OutgoingTag(text: old.text))
        #expect(parsed.recipientIndex == nil)
        #expect(Self.signer.check(parsed) == .verified(outgoingID: 12))
    }

    @Test(arguments: ["m12r.k1.aaaaaaaaaaaaaaaa", "m12r01.k1.aaaaaaaaaaaaaaaa", "m12r1000000.k1.aaaaaaaaaaaaaaaa",
                      "mr1.k1.aaaaaaaaaaaaaaaa", "m12r1r2.k1.aaaaaaaaaaaaaaaa", "m12rx.k1.aaaaaaaaaaaaaaaa",
                      "m12r-1.k1.aaaaaaaaaaaaaaaa", "m012r1.k1.aaaaaaaaaaaaaaaa"])
    func malformedIndexesDoNotParse(_ text: String) {
        #expect(OutgoingTag(text: text) == nil)
    }

    @Test func outOfRangeIndexesAreRefused() {
        #expect(throws: TagKeyError.self) { try Self.signer.tag(outgoingID: 1, recipientIndex: -1) }
        #expect(throws: TagKeyError.self) { try Self.signer.tag(outgoingID: 1, recipientIndex: OutgoingTag.maxRecipientIndex + 1) }
    }
}
