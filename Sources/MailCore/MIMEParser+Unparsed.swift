import MailModel

extension MIMEParser {
    /// How much of the start of a message `leadingHeaders` reads at most.
    public static let leadingHeaderLimit = 64 << 10

    /// A message kept out of libetpan (it exceeds `MessageBounds`): its leading header fields,
    /// read without structure, and all its bytes as one text part. Linear in the size.
    public static func unparsed(_ raw: [UInt8]) -> MIMEPart {
        MIMEPart(headers: leadingHeaders(raw), contentType: .textPlain, content: .text(Text.decodeUTF8OrLatin1(raw)))
    }

    /// The header fields at the start of `raw`, read cheaply and safely whatever follows: only the
    /// first `leadingHeaderLimit` bytes are looked at, cut at the last line break, and every value
    /// is taken as unstructured text (RFC 5322 §3.6.8): a comment is read only between a field's
    /// name and its colon, and with a depth count (`OptionalFields`), so no nesting runs deep.
    public static func leadingHeaders(_ raw: [UInt8]) -> HeaderFields {
        var prefix = LineEndings.normalized(Array(raw.prefix(leadingHeaderLimit)))
        if raw.count > leadingHeaderLimit, let lastBreak = prefix.lastIndex(of: 0x0A) {
            prefix.removeSubrange((lastBreak + 1)...)
        }
        return prefix.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { HeaderParser.parse($0) }
        }
    }
}
