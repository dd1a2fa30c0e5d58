#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

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
        // Works on the UTF-8 bytes in place: field syntax is ASCII, and index arithmetic on
        // Substring views cost several times more on the many delivery-status bodies a run reads.
        if let fields = text.utf8.withContiguousStorageIfAvailable({ parse(bytes: $0, stopAtNonField: stopAtNonField) }) {
            return fields
        }
        var copy = String(text)
        return copy.withUTF8 { parse(bytes: $0, stopAtNonField: stopAtNonField) }
    }

    private static func parse(bytes: UnsafeBufferPointer<UInt8>, stopAtNonField: Bool) -> HeaderFields {
        var fields: [HeaderField] = []
        guard let base = bytes.baseAddress else { return HeaderFields(fields) }
        // The field being read: its name, the value on its own line, and what continuation lines
        // add (rarely any).
        var name: Range<Int>?
        var firstLine = 0..<0
        var continued: String?
        func flush() {
            if let name {
                let first = UnsafeBufferPointer(rebasing: bytes[firstLine])
                let value = continued.map { (String(decoding: first, as: UTF8.self) + $0).trimmingWhitespace() }
                    ?? WhitespaceTrimming.trimmed(first)
                fields.append(HeaderField(name: String(decoding: UnsafeBufferPointer(rebasing: bytes[name]), as: UTF8.self),
                                          value: value))
            }
            name = nil
            firstLine = 0..<0
            continued = nil
        }
        let count = bytes.count
        var lineStart = 0
        while lineStart < count {
            let newline = memchr(base + lineStart, 0x0A, count - lineStart).map {
                base.distance(to: $0.assumingMemoryBound(to: UInt8.self))
            }
            var lineEnd = newline ?? count
            if lineEnd > lineStart, bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }
            let line = lineStart..<lineEnd
            lineStart = newline.map { $0 + 1 } ?? count
            guard let first = line.first.map({ bytes[$0] }) else {
                flush()
                continue
            }
            if first == 0x20 || first == 0x09 {
                if name != nil {
                    continued = (continued ?? "") + " " + WhitespaceTrimming.trimmed(UnsafeBufferPointer(rebasing: bytes[line]))
                }
                continue
            }
            flush()
            if let colon = memchr(base + line.lowerBound, 0x3A, line.count).map({ base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) }),
               colon != line.lowerBound, bytes[line.lowerBound..<colon].allSatisfy({ $0 >= 33 && $0 <= 126 }) {
                name = line.lowerBound..<colon
                firstLine = (colon + 1)..<line.upperBound
            } else if stopAtNonField {
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
