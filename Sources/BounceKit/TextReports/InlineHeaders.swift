import MailModel

/// The header section of a returned original written inline in a text report (after "------ This
/// is a copy of the message"), read on bytes: field lines and their continuations up to the first
/// blank or non-field line. RFC 5322 §2.2 (field = name ":" value, folded with leading white space).
enum InlineHeaders {
    /// Bytes of header text read at most.
    static let maximumBytes = 8 * 1024

    /// Fields a report's reader uses: for matching (`OriginalMessage`) and to tell the sender.
    private static let kept: [StaticString] = ["message-id", "subject", "from", "to", "date", "sender", "return-path"]

    /// Whether a field named `name` is kept: the fields above and every `X-` field. Compared on
    /// bytes, ASCII letters in any case (a name with other bytes is none of them).
    private static func isKept(_ name: ArraySlice<UInt8>) -> Bool {
        if name.count > 2, let first = name.first, first | 0x20 == 0x78, name[name.startIndex + 1] == 0x2D { return true } // x-
        return name.withUnsafeBufferPointer { name in
            kept.contains { keptName in
                PlainASCII.equalsIgnoringCase(name, lowercase: UnsafeBufferPointer(start: keptName.utf8Start, count: keptName.utf8CodeUnitCount))
            }
        }
    }

    static func parse(_ text: Substring) -> HeaderFields {
        var fields = HeaderFields()
        var source = text
        // One copy of the bytes read, not one per byte through the substring's iterator.
        let bytes = source.withUTF8 { Array($0.prefix(maximumBytes)) }
        var name: ArraySlice<UInt8>?
        var value: [UInt8] = []
        func flush() {
            if let name, isKept(name) {
                fields.append(HeaderField(name: String(decoding: name, as: UTF8.self),
                                          value: String(decoding: value, as: UTF8.self).trimmingWhitespace()))
            }
            name = nil
            value.removeAll(keepingCapacity: true)
        }
        var start = bytes.startIndex
        while start < bytes.endIndex {
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.endIndex
            var line = bytes[start..<end]
            if line.last == 0x0D { line = line.dropLast() }
            start = end + 1
            if let first = line.first, first == 0x20 || first == 0x09 {
                guard name != nil else { break }
                value.append(0x20)
                value += line.drop(while: { $0 == 0x20 || $0 == 0x09 })
                continue
            }
            flush()
            guard let colon = line.firstIndex(of: 0x3A), colon > line.startIndex,
                  line[..<colon].allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { break }
            name = line[..<colon]
            value += line[(colon + 1)...].drop(while: { $0 == 0x20 || $0 == 0x09 })
        }
        flush()
        return fields
    }
}
