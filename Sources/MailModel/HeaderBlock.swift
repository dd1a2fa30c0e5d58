/// Parses text laid out as header fields (`Name: value` lines, continued by lines that start with
/// white space), such as the field groups of a delivery-status body or headers quoted inside a text
/// part. Values are unfolded; no encoded words are decoded (these blocks are ASCII by their RFCs).
///
///     field    = field-name ":" unstructured CRLF            (RFC 5322 §3.6.8)
///     folding  = CRLF 1*WSP                                  (RFC 5322 §2.2.3)
public enum HeaderBlock {
    /// The fields of `text`, stopping at the first line that is neither a field nor a continuation
    /// when `stopAtNonField` is set; otherwise such lines are skipped.
    public static func parse(_ text: Substring, stopAtNonField: Bool = false) -> HeaderFields {
        // Works on UTF-8 bytes: field syntax is ASCII, and Character iteration costs several
        // times more on the many delivery-status bodies a run reads.
        var fields: [HeaderField] = []
        var name: Substring?
        // The value on the field's own line, and what continuation lines add (rarely any).
        var firstLine: Substring = ""
        var continued: String?
        func flush() {
            if let name {
                let value = continued.map { (String(firstLine) + $0).trimmingWhitespace() } ?? firstLine.trimmingWhitespace()
                fields.append(HeaderField(name: String(name), value: value))
            }
            name = nil
            firstLine = ""
            continued = nil
        }
        let utf8 = text.utf8
        var lineStart = utf8.startIndex
        while lineStart < utf8.endIndex {
            let newline = utf8.firstIndex(ofByte: 0x0A, from: lineStart)
            var lineEnd = newline ?? utf8.endIndex
            if lineEnd > lineStart, utf8[utf8.index(before: lineEnd)] == 0x0D { lineEnd = utf8.index(before: lineEnd) }
            let line = text[lineStart..<lineEnd]
            lineStart = newline.map { utf8.index(after: $0) } ?? utf8.endIndex
            let bytes = line.utf8
            if let first = bytes.first, first == 0x20 || first == 0x09 {
                if name != nil {
                    continued = (continued ?? "") + " " + line.trimmingWhitespace()
                }
                continue
            }
            flush()
            if let colon = bytes.firstIndex(of: 0x3A), colon != bytes.startIndex,
               bytes[..<colon].allSatisfy({ $0 >= 33 && $0 <= 126 }) {
                name = line[..<colon]
                firstLine = line[bytes.index(after: colon)...]
            } else if stopAtNonField, !bytes.isEmpty {
                break
            }
        }
        flush()
        return HeaderFields(fields)
    }

    /// Splits text into blocks separated by blank lines (lines holding only white space).
    public static func paragraphs(_ text: Substring) -> [Substring] {
        var blocks: [Substring] = []
        let utf8 = text.utf8
        var start: Substring.Index?
        var lineStart = utf8.startIndex
        while lineStart < utf8.endIndex {
            let newline = utf8.firstIndex(ofByte: 0x0A, from: lineStart)
            let lineEnd = newline ?? utf8.endIndex
            let blank = utf8[lineStart..<lineEnd].allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
            if blank {
                if let s = start { blocks.append(text[s..<lineStart]); start = nil }
            } else if start == nil {
                start = lineStart
            }
            lineStart = newline.map { utf8.index(after: $0) } ?? utf8.endIndex
        }
        if let s = start { blocks.append(text[s...]) }
        return blocks
    }
}

extension Character {
    /// RFC 5322 §3.6.8: ftext = %d33-57 / %d59-126 (printable US-ASCII but colon).
    var isFieldNameCharacter: Bool {
        guard let ascii = asciiValue else { return false }
        return ascii >= 33 && ascii <= 126 && ascii != 58
    }
}

extension String {
    /// The text without leading and trailing spaces, tabs, CR and LF.
    public func trimmingWhitespace() -> String {
        var text = self
        return text.withUTF8(WhitespaceTrimming.trimmed)
    }
}

extension Substring {
    /// The text without leading and trailing spaces, tabs, CR and LF.
    public func trimmingWhitespace() -> String {
        var text = self
        return text.withUTF8(WhitespaceTrimming.trimmed)
    }
}

/// Trimming on the UTF-8 bytes (the four are ASCII), not on Characters: it runs on every header
/// value and report line, where grapheme breaking cost more than the rest of the work.
public enum WhitespaceTrimming {
    public static func trimmed(_ utf8: UnsafeBufferPointer<UInt8>) -> String {
        var start = 0
        var end = utf8.count
        while start < end, isWhitespace(utf8[start]) { start += 1 }
        while end > start, isWhitespace(utf8[end - 1]) { end -= 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: utf8[start..<end]), as: UTF8.self)
    }

    /// Space, tab, CR or LF: the white space of header values and report lines.
    @inlinable @inline(__always)
    public static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A
    }
}
