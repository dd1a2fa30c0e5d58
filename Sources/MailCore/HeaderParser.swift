import CEtPan
import MailModel

/// Reads a header section with libetpan's RFC 5322 field parser, keeping every field as written
/// (`mailimf_optional_fields_parse` takes each field as name and raw value), then unfolds values
/// and decodes RFC 2047 encoded words.
///
///     fields         = *(optional-field)                      (RFC 5322 §3.6)
///     optional-field = field-name ":" unstructured CRLF       (RFC 5322 §3.6.8)
enum HeaderParser {
    /// The header fields at the start of `buffer`, up to the blank line that ends them.
    static func parse(_ buffer: UnsafeBufferPointer<CChar>) -> HeaderFields {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return HeaderFields() }
        var index = 0
        var result: UnsafeMutablePointer<mailimf_fields>?
        guard mailimf_optional_fields_parse(base, buffer.count, &index, &result) == Int32(MAILIMF_NO_ERROR),
              let result else { return HeaderFields() }
        let owner = ParsedFields(fields: result)
        var fields: [HeaderField] = []
        fields.reserveCapacity(Int(owner.fields.pointee.fld_list?.pointee.count ?? 0))
        forEachElement(of: owner.fields.pointee.fld_list, as: mailimf_field.self) { field in
            guard let optional = field.pointee.fld_data.fld_optional_field,
                  let name = optional.pointee.fld_name else { return }
            let value = optional.pointee.fld_value.map { HeaderParser.decodeValue($0) } ?? ""
            fields.append(HeaderField(name: String(cString: name), value: value))
        }
        return HeaderFields(fields)
    }

    /// Unfolds a raw field value (RFC 5322 §2.2.3) and decodes its encoded words (RFC 2047 §6.1).
    /// Most values are one line of ASCII without encoded words: those are trimmed as bytes and
    /// become a string in one copy.
    static func decodeValue(_ raw: UnsafePointer<CChar>) -> String {
        let length = strlen(raw)
        return raw.withMemoryRebound(to: UInt8.self, capacity: length) { bytes -> String in
            var start = 0
            var end = length
            while start < end, WhitespaceTrimming.isWhitespace(bytes[start]) { start += 1 }
            while end > start, WhitespaceTrimming.isWhitespace(bytes[end - 1]) { end -= 1 }
            let buffer = UnsafeBufferPointer(start: bytes + start, count: end - start)
            // memchr looks at many bytes at a time: a folded value holds a line break, an encoded
            // word a "?" after "=".
            let count = buffer.count
            let hasLineBreak = memchr(bytes + start, 0x0A, count) != nil || memchr(bytes + start, 0x0D, count) != nil
            var hasEncodedWord = false
            var from = 0
            while from < count, let hit = memchr(bytes + start + from, Int32(UInt8(ascii: "?")), count - from) {
                let offset = (bytes + start).distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if offset > 0, buffer[offset - 1] == UInt8(ascii: "=") { hasEncodedWord = true; break }
                from = offset + 1
            }
            if !hasLineBreak, !hasEncodedWord { return Text.decodeUTF8OrLatin1(buffer) }
            let text = hasLineBreak ? Text.decodeUTF8OrLatin1(withoutLineBreaks(buffer)) : Text.decodeUTF8OrLatin1(buffer)
            return (hasEncodedWord ? EncodedWords.decode(text) : text).trimmingWhitespace()
        }
    }

    /// `buffer` without its CR and LF bytes: a folded value unfolded (RFC 5322 §2.2.3).
    private static func withoutLineBreaks(_ buffer: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: buffer.count) { output, written in
            written = 0
            for byte in buffer where byte != 0x0D && byte != 0x0A {
                output[written] = byte
                written += 1
            }
        }
    }

}
