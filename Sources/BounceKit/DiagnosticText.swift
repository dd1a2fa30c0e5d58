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
        var text = text
        // Plain text (see `PlainASCII`) by bytes: the same words, compared and joined without a
        // string for each.
        if let normalized = text.withUTF8({ PlainASCII.isPlain($0) ? normalized(plain: $0) : nil }) {
            return normalized
        }
        return normalized(words: words(characters: text))
    }

    /// `normalized(_:)` of the words of a text.
    static func normalized(words: [String]) -> String {
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

    /// `normalized(words: words(text))` for plain text, by bytes: the words are ranges of `bytes`
    /// and the result is written once.
    static func normalized(plain bytes: UnsafeBufferPointer<UInt8>) -> String {
        let words = PlainASCII.wordRanges(bytes) { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A }
        func word(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: bytes[range]) }
        let firstCodeIndex = words.firstIndex { isReplyPrefix(word($0)) }
        var code = 0..<0, enhanced = 0..<0, firstIsLong = false
        if let firstCodeIndex {
            let first = words[firstCodeIndex]
            code = first.lowerBound..<first.lowerBound + 3
            firstIsLong = first.count > 4
            if firstIsLong {
                enhanced = first.lowerBound + 4..<first.upperBound
            } else if firstCodeIndex + 1 < words.count,
                      StatusCode(String(decoding: word(words[firstCodeIndex + 1]), as: UTF8.self)) != nil {
                enhanced = words[firstCodeIndex + 1]
            }
        }
        /// Whether `range` holds the code, "-", then `suffix` (a continuation line's prefix).
        func isContinuation(_ range: Range<Int>, _ suffix: Range<Int>) -> Bool {
            range.count == 4 + suffix.count && word(range).starts(with: word(code)) && bytes[range.lowerBound + 3] == 0x2D
                && word(range).dropFirst(4).elementsEqual(word(suffix))
        }
        return String(unsafeUninitializedCapacity: bytes.count) { output in
            var written = 0
            func append(_ range: Range<Int>) {
                if written > 0 { output[written] = 0x20; written += 1 }
                for index in range { output[written] = bytes[index]; written += 1 }
            }
            var index = 0
            while index < words.count {
                let range = words[index]
                if let firstCodeIndex, index == firstCodeIndex {
                    append(code)
                    if firstIsLong { append(enhanced) }
                } else if let firstCodeIndex, index > firstCodeIndex,
                          isContinuation(range, enhanced) || isContinuation(range, 0..<0) {
                    // a continuation line's prefix
                } else if let firstCodeIndex, index > firstCodeIndex, word(range).elementsEqual(word(code)),
                          !enhanced.isEmpty, index + 1 < words.count, word(words[index + 1]).elementsEqual(word(enhanced)) {
                    index += 1 // the last line's "550 5.7.1"
                } else {
                    append(range)
                }
                index += 1
            }
            return written
        }
    }

    /// The words of `text`: the runs between spaces, tabs and line breaks, by characters.
    static func words(characters text: String) -> [String] {
        text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }).map(String.init)
    }

    /// `550`, `550-`, `550-5.7.1`: a reply code opening a reply line.
    private static func isReplyPrefix(_ word: String) -> Bool {
        let opens = Array(word.utf8).withUnsafeBufferPointer(opensReplyLine)
        return opens && (word.utf8.count <= 4 || StatusCode(word.dropFirst(4)) != nil)
    }

    /// `isReplyPrefix(_:)` of a plain word's bytes.
    private static func isReplyPrefix(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        opensReplyLine(utf8)
            && (utf8.count <= 4 || StatusCode(String(decoding: UnsafeBufferPointer(rebasing: utf8[4...]), as: UTF8.self)) != nil)
    }

    /// Whether a word's bytes start as a reply line does: a reply code (2xx, 4xx, 5xx), alone or
    /// followed by "-".
    private static func opensReplyLine(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        utf8.count >= 3 && (utf8[0] == 0x32 || utf8[0] == 0x34 || utf8[0] == 0x35) && utf8[1].isASCIIDigit
            && utf8[2].isASCIIDigit && (utf8.count == 3 || utf8[3] == UInt8(ascii: "-"))
    }
}
