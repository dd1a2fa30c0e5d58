import CEtPan
import MailModel

/// Reads a header section the way libetpan's RFC 5322 field parser does (`OptionalFields`, its
/// `mailimf_optional_fields_parse` without the allocations), keeping every field as written; a
/// value is unfolded and its RFC 2047 encoded words decoded when it is read (`decodeValue`).
///
///     fields         = *(optional-field)                      (RFC 5322 §3.6)
///     optional-field = field-name ":" unstructured CRLF       (RFC 5322 §3.6.8)
enum HeaderParser: HeaderValueDecoder {
    /// The header fields at the start of `buffer`, up to the blank line that ends them; `eachField`
    /// sees where each one lies as it is read.
    static func parse(_ buffer: UnsafeBufferPointer<CChar>, eachField: (OptionalFields.Field) -> Void = { _ in }) -> HeaderFields {
        buffer.withMemoryRebound(to: UInt8.self) { bytes in
            var read: [OptionalFields.Field] = []
            // Most sections hold a dozen or two fields: room for 16 at once, not grown from one.
            read.reserveCapacity(16)
            OptionalFields(bytes).forEach { field in
                eachField(field)
                read.append(field)
            }
            guard let last = read.last else { return HeaderFields() }
            // One copy of the section; each value stays raw in it until it is read.
            let section = Array(UnsafeBufferPointer(rebasing: bytes[..<last.end]))
            return HeaderFields(read.map { field in
                HeaderField(name: String(decoding: UnsafeBufferPointer(rebasing: bytes[field.name]), as: UTF8.self),
                            section: section, raw: field.value, decoder: HeaderParser.self)
            })
        }
    }

    /// The fields libetpan's own `mailimf_optional_fields_parse` reads at the start of `buffer`, as
    /// name and raw value bytes: the reading `OptionalFields` reproduces, which the tests hold it to.
    static func libetpanFields(_ buffer: UnsafeBufferPointer<CChar>) -> [(name: [UInt8], value: [UInt8])] {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return [] }
        var index = 0
        var result: UnsafeMutablePointer<mailimf_fields>?
        guard mailimf_optional_fields_parse(base, buffer.count, &index, &result) == Int32(MAILIMF_NO_ERROR),
              let result else { return [] }
        let owner = ParsedFields(fields: result)
        var fields: [(name: [UInt8], value: [UInt8])] = []
        forEachElement(of: owner.fields.pointee.fld_list, as: mailimf_field.self) { field in
            guard let optional = field.pointee.fld_data.fld_optional_field,
                  let name = optional.pointee.fld_name else { return }
            func bytes(_ text: UnsafePointer<CChar>) -> [UInt8] {
                let length = strlen(text)
                return text.withMemoryRebound(to: UInt8.self, capacity: length) { Array(UnsafeBufferPointer(start: $0, count: length)) }
            }
            fields.append((bytes(name), optional.pointee.fld_value.map { bytes($0) } ?? []))
        }
        return fields
    }

    /// Unfolds a raw field value (RFC 5322 §2.2.3) and decodes its encoded words (RFC 2047 §6.1).
    /// Most values are one line of ASCII without encoded words: those are trimmed as bytes and
    /// become a string in one copy.
    static func decodeValue(_ raw: UnsafeBufferPointer<UInt8>) -> String {
        guard let bytes = raw.baseAddress else { return "" }
        var start = 0
        var end = raw.count
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
