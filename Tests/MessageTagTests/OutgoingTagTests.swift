import MessageTag
import Testing

@Suite("OutgoingTag")
struct OutgoingTagTests {
    static let secret = [UInt8](repeating: 7, count: 32)

    static func signer(_ ids: [String] = ["k1"], current: String? = "k1") throws -> TagSigner {
        let keys = try ids.enumerated().map { index, id in try SigningKey(id: id, secret: [UInt8](repeating: UInt8(index + 1), count: 32)) }
        return TagSigner(ring: KeyRing(keys: keys, currentID: current))
    }

    @Test func roundTrip() throws {
        let signer = try Self.signer()
        for id: Int64 in [0, 1, 12, 9_999_999, Int64.max] {
            let tag = try signer.tag(outgoingID: id)
            #expect(tag.keyID == "k1")
            #expect(tag.mac.count == OutgoingTag.macLength)
            #expect(tag.text == "m\(id).k1.\(tag.mac)")
            #expect(tag.text.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "." })
            let parsed = try #require(OutgoingTag(text: tag.text))
            #expect(parsed == tag)
            #expect(signer.check(parsed) == .verified(outgoingID: id))
        }
    }

    @Test func sameInputsSameTag() throws {
        #expect(try Self.signer().tag(outgoingID: 5) == Self.signer().tag(outgoingID: 5))
    }

    @Test func parsingIgnoresCase() throws {
        let signer = try Self.signer()
        let tag = try signer.tag(outgoingID: 42)
        let upper = try #require(OutgoingTag(text: tag.text.uppercased()))
        #expect(upper == tag)
        #expect(signer.check(upper) == .verified(outgoingID: 42))
    }

    @Test(arguments: ["id", "mac", "key"])
    func tamperedTagsFail(_ field: String) throws {
        let signer = try Self.signer(["k1", "k2"])
        let tag = try signer.tag(outgoingID: 12)
        let text: String
        switch field {
        case "id": text = "m13.k1.\(tag.mac)"
        case "mac":
            let last = tag.mac.last == "a" ? "b" : "a"
            text = "m12.k1.\(tag.mac.dropLast())\(last)"
        default: text = "m12.k2.\(tag.mac)"
        }
        let forged = try #require(OutgoingTag(text: text))
        #expect(signer.check(forged) == .badSignature)
    }

    @Test func unknownKey() throws {
        let tag = try Self.signer(["k9"], current: "k9").tag(outgoingID: 3)
        #expect(try Self.signer().check(tag) == .unknownKey(keyID: "k9"))
    }

    @Test func rotationKeepsOldKeysVerifying() throws {
        let old = try SigningKey(id: "k1", secret: Self.secret)
        let oldTag = try TagSigner(ring: KeyRing(keys: [old], currentID: "k1")).tag(outgoingID: 8)
        let new = try SigningKey.generate(id: "k2")
        let rotated = TagSigner(ring: KeyRing(keys: [old, new], currentID: "k2"))
        #expect(rotated.check(oldTag) == .verified(outgoingID: 8))
        let newTag = try rotated.tag(outgoingID: 9)
        #expect(newTag.keyID == "k2")
        #expect(rotated.check(newTag) == .verified(outgoingID: 9))
    }

    @Test func noCurrentKeySaysWhatToRun() throws {
        let signer = TagSigner(ring: KeyRing(keys: [], currentID: nil))
        #expect {
            try signer.tag(outgoingID: 1)
        } throws: { error in
            guard let error = error as? TagKeyError else { return false }
            return error.code == .noCurrentKey && error.description.contains("events config key")
        }
    }

    @Test(arguments: ["", "K1", "toolongid", "k-1", "k 1"])
    func invalidKeyIDsAreRefused(_ id: String) {
        #expect(throws: TagKeyError.self) { try SigningKey(id: id, secret: Self.secret) }
    }

    @Test func shortSecretIsRefused() {
        #expect(throws: TagKeyError.self) { try SigningKey(id: "k1", secret: [1, 2, 3]) }
    }

    @Test func generatedKeysDiffer() throws {
        let one = try SigningKey.generate(id: "k1"), two = try SigningKey.generate(id: "k1")
        #expect(one.secret.count == 32)
        #expect(one != two)
    }

    /// (input, expected outgoing id or nil); `TAG` is replaced by a real tag for id 12.
    static let addresses: [(String, Int64?)] = [
        ("company+TAG@event.data.directo.ee", 12),
        ("COMPANY+TAG@EVENT.DATA.DIRECTO.EE", 12),
        ("<company+TAG@event.data.directo.ee>", 12),
        ("\"Directo Events\" <company+TAG@event.data.directo.ee>", 12),
        ("Directo <company+TAG@event.data.directo.ee> ", 12),
        ("prvs=0123abcd=company+TAG@event.data.directo.ee", 12),
        ("company@event.data.directo.ee", nil),
        ("company+@event.data.directo.ee", nil),
        ("company+m12.k1@event.data.directo.ee", nil),
        ("", nil),
        ("+", nil),
        ("@", nil),
        ("<>", nil),
        ("<<<+TAG>", 12),
    ]

    @Test(arguments: addresses)
    func tagInAddress(_ input: String, _ expected: Int64?) throws {
        let signer = try Self.signer()
        let tag = try signer.tag(outgoingID: 12)
        let found = OutgoingTag.inAddress(input.replacingTag(with: tag.text))
        #expect(found.map(signer.check) == expected.map { .verified(outgoingID: $0) })
    }

    static let messageIDs: [(String, Int64?)] = [
        ("<TAG@event.data.directo.ee>", 12),
        ("TAG@event.data.directo.ee", 12),
        ("<TAG.3f9a7c@event.data.directo.ee>", 12),
        ("  <TAG.x.y.z@event.data.directo.ee>  ", 12),
        ("<CAF=abc+def@mail.gmail.com>", nil),
        ("<m12.k1@event.data.directo.ee>", nil),
        ("<>", nil),
        ("", nil),
    ]

    @Test(arguments: messageIDs)
    func tagInMessageID(_ input: String, _ expected: Int64?) throws {
        let signer = try Self.signer()
        let tag = try signer.tag(outgoingID: 12)
        let found = OutgoingTag.inMessageID(input.replacingTag(with: tag.text.uppercased()))
        #expect(found.map(signer.check) == expected.map { .verified(outgoingID: $0) })
    }

    static let junk: [String] = [
        "m", "m.", "m..", "m1..", "m1.k1.", ".k1.aaaaaaaaaaaaaaaa", "m01.k1.aaaaaaaaaaaaaaaa", "m-1.k1.aaaaaaaaaaaaaaaa",
        "m99999999999999999999.k1.aaaaaaaaaaaaaaaa", "m1.k1.aaaaaaaaaaaaaaa1", "m1.k1.aaaaaaaaaaaaaaaaa", "m1.k1.aaaaaaaaaaaaaaa",
        "m1.k123456789.aaaaaaaaaaaaaaaa", "mé.k1.aaaaaaaaaaaaaaaa", "m1.k1.aaaaaaaaaaaaaaa\u{0}",
        "😀+😀@😀", String(repeating: "+", count: 10_000), String(repeating: "m1.", count: 5_000), "\r\n", "<@>", "a+b@c@d",
    ]

    @Test(arguments: junk)
    func junkNeverParses(_ input: String) {
        #expect(OutgoingTag(text: input) == nil)
        #expect(OutgoingTag.inAddress(input) == nil)
        #expect(OutgoingTag.inMessageID(input) == nil)
    }

    @Test func validShapeParsesWithoutAKey() throws {
        let tag = try #require(OutgoingTag(text: "M12.K1.ABCDEFGHIJKLMNOP"))
        #expect(tag.outgoingID == 12)
        #expect(tag.keyID == "k1")
        #expect(tag.mac == "abcdefghijklmnop")
        #expect(tag.description == "m12.k1.abcdefghijklmnop")
        #expect(try Self.signer().check(tag) == .badSignature)
    }
}

extension String {
    fileprivate func replacingTag(with tag: String) -> String {
        var result = ""
        var rest = Substring(self)
        while let range = rest.firstRange(of: "TAG") {
            result += rest[..<range.lowerBound] + tag
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
