import MailModel

/// The signed tag of one recipient's copy of an outgoing message, `m{id}r{index}.{keyid}.{mac}`
/// (or, in mail sent before tags were per recipient, of the whole message, `m{id}.{keyid}.{mac}`):
/// found again in bounces in the envelope sender (`company+TAG@domain`, RFC 5233 subaddress), in the
/// Message-ID (`<TAG@domain>` or `<TAG.anything@domain>`, RFC 5322 §3.6.4) and in the
/// `X-MailEvents-Tag` header. All lowercase [a-z0-9] and '.', because MTAs may change the case of
/// local parts; parsing ignores case.
///
///     tag    = "m" id [ "r" index ] "." key-id "." mac
///     id     = "0" / (%x31-39 *18DIGIT)          ; the outgoing message's id, no leading zeros
///     index  = "0" / (%x31-39 *5DIGIT)           ; the recipient's position (0-based), no leading zeros
///     key-id = 1*8(%x61-7A / DIGIT)
///     mac    = 16(%x61-7A / "2"-"7")             ; RFC 4648 §6 base32 of 10 bytes, lowercase
public struct OutgoingTag: Sendable, Equatable, CustomStringConvertible {
    public let outgoingID: Int64
    /// The recipient the copy went to, by its position among the message's recipients (see
    /// `EventStore.sentMessage(id:)`); nil in a per-message tag of older mail, which the MAC then
    /// binds to the message only.
    public let recipientIndex: Int?
    public let keyID: String
    public let mac: String

    /// The number of base32 characters in a tag's MAC (10 bytes).
    public static let macLength = 16
    /// The header `events send` writes the tag in, and matching reads back from returned headers.
    public static let headerName = "X-MailEvents-Tag"

    /// The largest recipient index a tag carries (6 digits).
    public static let maxRecipientIndex = 999_999

    init(outgoingID: Int64, recipientIndex: Int? = nil, keyID: String, mac: String) {
        self.outgoingID = outgoingID
        self.recipientIndex = recipientIndex
        self.keyID = keyID
        self.mac = mac
    }

    public var text: String { "m\(outgoingID)\(recipientIndex.map { "r\($0)" } ?? "").\(keyID).\(mac)" }

    public var description: String { text }

    /// Parses exactly a tag, in any letter case.
    public init?(text: some StringProtocol) {
        let bytes = TagAlphabet.lowercased(text)
        guard bytes.count <= 64 else { return nil }
        let fields = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard fields.count == 3 else { return nil }
        let id = fields[0], key = fields[1], mac = fields[2]
        guard id.first == UInt8(ascii: "m") else { return nil }
        let parts = id.dropFirst().split(separator: UInt8(ascii: "r"), maxSplits: 1, omittingEmptySubsequences: false)
        guard let number = Self.number(parts[0], maxDigits: 19).flatMap({ Int64(exactly: $0) }) else { return nil }
        var index: Int?
        if parts.count == 2 {
            guard let parsed = Self.number(parts[1], maxDigits: 6) else { return nil }
            index = Int(parsed)
        }
        let keyID = String(decoding: key, as: UTF8.self)
        guard SigningKey.isValidID(keyID) else { return nil }
        guard mac.count == Self.macLength, mac.allSatisfy(TagAlphabet.isBase32) else { return nil }
        self.init(outgoingID: number, recipientIndex: index, keyID: keyID, mac: String(decoding: mac, as: UTF8.self))
    }

    /// 1 to `maxDigits` digits without a leading zero (except "0" itself).
    private static func number(_ digits: ArraySlice<UInt8>, maxDigits: Int) -> UInt64? {
        guard (1...maxDigits).contains(digits.count), digits.allSatisfy(TagAlphabet.isDigit),
              digits.count == 1 || digits.first != UInt8(ascii: "0") else { return nil }
        return UInt64(String(decoding: digits, as: UTF8.self))
    }

    /// The tag in an address's subaddress: `local+TAG@domain`, also inside angle brackets or after
    /// a display name (`"Company" <company+TAG@domain>`), and after BATV/SRS-style prefixes.
    public static func inAddress(_ address: String) -> OutgoingTag? {
        guard address.utf8.count <= 2048 else { return nil }
        if PlainASCII.isPlain(address) {
            var address = address
            let tag = address.withUTF8 { bytes -> Range<Int>? in
                let local = localPartRange(plain: bytes)
                guard let plus = bytes[local].lastIndex(of: UInt8(ascii: "+")) else { return nil }
                return (plus + 1)..<local.upperBound
            }
            return tag.flatMap { OutgoingTag(text: Self.substring(address, offsets: $0)) }
        }
        let local = localPart(of: address)
        guard let plus = local.lastIndex(of: "+") else { return nil }
        return OutgoingTag(text: local[local.index(after: plus)...])
    }

    /// The tag in a Message-ID: `<TAG@domain>` or `<TAG.random@domain>`.
    public static func inMessageID(_ messageID: String) -> OutgoingTag? {
        guard messageID.utf8.count <= 2048 else { return nil }
        if PlainASCII.isPlain(messageID) {
            var messageID = messageID
            // The local part's first three dot-separated fields: up to its third dot, given two.
            let tag = messageID.withUTF8 { bytes -> Range<Int>? in
                let local = localPartRange(plain: bytes)
                var dots = 0
                for offset in local where bytes[offset] == UInt8(ascii: ".") {
                    dots += 1
                    if dots == 3 { return local.lowerBound..<offset }
                }
                return dots == 2 ? local : nil
            }
            return tag.flatMap { OutgoingTag(text: Self.substring(messageID, offsets: $0)) }
        }
        let local = localPart(of: messageID)
        let fields = local.split(separator: ".", maxSplits: 3, omittingEmptySubsequences: false)
        guard fields.count >= 3 else { return nil }
        return OutgoingTag(text: fields[0..<3].joined(separator: "."))
    }

    /// The text at UTF-8 offsets `range` of `text`.
    private static func substring(_ text: String, offsets range: Range<Int>) -> Substring {
        let utf8 = text.utf8
        let start = utf8.index(utf8.startIndex, offsetBy: range.lowerBound)
        return text[start..<utf8.index(start, offsetBy: range.count)]
    }

    /// Where `localPart(of:)` is in plain ASCII text (see `PlainASCII`), as offsets of its bytes,
    /// where the byte searches find what the character searches find.
    static func localPartRange(plain bytes: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        var start = 0
        var end = bytes.count
        if let open = bytes.lastIndex(of: UInt8(ascii: "<")) {
            start = open + 1
            if let close = bytes[start...].firstIndex(of: UInt8(ascii: ">")) { end = close }
        }
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        if let at = bytes[start..<end].lastIndex(of: UInt8(ascii: "@")) { end = at }
        return start..<end
    }

    /// The part before the last '@' of the bracketed address (the last `<…>`), or of the whole text.
    static func localPart(of text: String) -> Substring {
        var inner = Substring(text)
        if let open = inner.lastIndex(of: "<") {
            inner = inner[inner.index(after: open)...]
            if let close = inner.firstIndex(of: ">") { inner = inner[..<close] }
        }
        inner = inner.drop { $0 == " " || $0 == "\t" }
        guard let at = inner.lastIndex(of: "@") else { return inner }
        return inner[..<at]
    }
}
