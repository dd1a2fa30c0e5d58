import MailModel

/// Tidies a diagnostic for reading and matching: white space folded, and the reply code that
/// begins every line of a multi-line SMTP reply kept only once (`550-5.7.1 a 550-5.7.1 b` →
/// `550 5.7.1 a b`).
///
///     Reply-line = *( Reply-code "-" [ textstring ] CRLF )
///                  Reply-code [ SP textstring ] CRLF              (RFC 5321 §4.2)
public enum DiagnosticText {
    /// For display: `text` without MIME boundary and part-header debris, white space folded
    /// (see `MIMEDebris`); events stored before the debris was removed at classification still have it.
    public static func withoutMIMEDebris(_ text: String) -> String {
        MIMEDebris.removed(from: text)
    }

    public static func normalized(_ text: String) -> String {
        let words = Self.words(text)
        guard let firstCodeIndex = words.firstIndex(where: { isReplyPrefix($0) }) else { return words.joined(separator: " ") }
        let first = words[firstCodeIndex]
        let code = String(first.prefix(3))
        let enhanced = first.count > 4 ? String(first.dropFirst(4)) : (firstCodeIndex + 1 < words.count && StatusCode(words[firstCodeIndex + 1]) != nil ? words[firstCodeIndex + 1] : "")
        var result: [String] = []
        var index = 0
        while index < words.count {
            let word = words[index]
            if index == firstCodeIndex {
                result.append(code)
                if first.count > 4 { result.append(enhanced) }
            } else if index > firstCodeIndex, word == code + "-" + enhanced || word == code + "-" {
                // a continuation line's prefix
            } else if index > firstCodeIndex, word == code, !enhanced.isEmpty, index + 1 < words.count, words[index + 1] == enhanced {
                index += 1 // the last line's "550 5.7.1"
            } else {
                result.append(word)
            }
            index += 1
        }
        return result.joined(separator: " ")
    }

    /// The words of `text`: the runs between spaces, tabs and line breaks. Split by bytes where
    /// that gives the same words (see `PlainASCII`), by characters otherwise.
    static func words(_ text: String) -> [String] {
        var text = text
        let plain = text.withUTF8(PlainASCII.isPlain)
        if plain {
            return text.utf8.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A }).map { String(Substring($0)) }
        }
        return words(characters: text)
    }

    /// `words(_:)` by characters, for any text.
    static func words(characters text: String) -> [String] {
        text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }).map(String.init)
    }

    /// `550`, `550-`, `550-5.7.1`: a reply code opening a reply line.
    private static func isReplyPrefix(_ word: String) -> Bool {
        let utf8 = Array(word.utf8)
        guard utf8.count >= 3, [0x32, 0x34, 0x35].contains(utf8[0]), utf8[1].isASCIIDigit, utf8[2].isASCIIDigit else { return false }
        if utf8.count == 3 { return true }
        guard utf8[3] == UInt8(ascii: "-") else { return false }
        return utf8.count == 4 || StatusCode(word.dropFirst(4)) != nil
    }
}
