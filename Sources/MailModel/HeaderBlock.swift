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
        var fields: [HeaderField] = []
        var name: Substring?
        var value = ""
        func flush() {
            if let name { fields.append(HeaderField(name: String(name), value: value.trimmingWhitespace())) }
            name = nil
            value = ""
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = line.last == "\r" ? line.dropLast() : line
            if let first = line.first, first == " " || first == "\t" {
                if name != nil {
                    value += " "
                    value += line.trimmingWhitespace()
                }
                continue
            }
            flush()
            if let colon = line.firstIndex(of: ":"), colon != line.startIndex, line[..<colon].allSatisfy(\.isFieldNameCharacter) {
                name = line[..<colon]
                value = String(line[line.index(after: colon)...])
            } else if stopAtNonField, !line.isEmpty {
                break
            }
        }
        flush()
        return HeaderFields(fields)
    }

    /// Splits text into blocks separated by blank lines (lines holding only white space).
    public static func paragraphs(_ text: Substring) -> [Substring] {
        var blocks: [Substring] = []
        var start: Substring.Index?
        var lineStart = text.startIndex
        var index = text.startIndex
        while lineStart < text.endIndex {
            let lineEnd = text[lineStart...].firstIndex(of: "\n") ?? text.endIndex
            let blank = text[lineStart..<lineEnd].allSatisfy { $0 == " " || $0 == "\t" || $0 == "\r" }
            if blank {
                if let s = start { blocks.append(text[s..<lineStart]); start = nil }
            } else if start == nil {
                start = lineStart
            }
            index = lineEnd
            lineStart = index < text.endIndex ? text.index(after: index) : text.endIndex
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

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs, CR and LF.
    public func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }
        guard let first = firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = lastIndex(where: { !isSpace($0) }) ?? first
        return String(self[first...last])
    }
}
