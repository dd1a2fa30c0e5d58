import Foundation

/// Header text for non-ASCII values: RFC 2047 encoded-words (`=?UTF-8?B?…?=`, §2, §4.1), each at
/// most `maximumWordLength` characters (RFC 2047 §2 allows 75; shorter keeps the first line of a
/// field within 78 characters) and never splitting a character, so each word decodes on its own
/// (§5). RFC 2231 extended parameters (`name*0*=UTF-8''%C3%B5…`, §3–4) for file names.
enum HeaderWords {
    static let maximumWordLength = 60

    /// Whether the text can stand in a header as it is: printable ASCII and no `=?` that a reader
    /// would take for an encoded-word.
    static func isPlain(_ text: String) -> Bool {
        text.utf8.allSatisfy { (0x20...0x7E).contains($0) || $0 == 0x09 } && !text.contains("=?")
    }

    /// The text as is when plain, else as encoded-words separated by spaces (where libetpan folds).
    static func encoded(_ text: String) -> String {
        isPlain(text) ? text : encodedWords(text).joined(separator: " ")
    }

    static func encodedWords(_ text: String) -> [String] {
        let prefix = "=?UTF-8?B?", suffix = "?="
        let budget = (maximumWordLength - prefix.count - suffix.count) / 4 * 3
        var words: [String] = []
        var chunk: [UInt8] = []
        func flush() {
            guard !chunk.isEmpty else { return }
            words.append(prefix + Data(chunk).base64EncodedString() + suffix)
            chunk = []
        }
        for character in text {
            let bytes = Array(String(character).utf8)
            if bytes.count <= budget {
                if chunk.count + bytes.count > budget { flush() }
                chunk += bytes
                continue
            }
            // A character longer than a word (long emoji sequences): split between its scalars.
            for scalar in character.unicodeScalars {
                let scalarBytes = Array(String(scalar).utf8)
                if chunk.count + scalarBytes.count > budget { flush() }
                chunk += scalarBytes
            }
        }
        flush()
        return words
    }

    /// RFC 2231 `name*N*=` sections, each on its own folded line, never splitting a character:
    /// "; CRLF SP name*0*=UTF-8''…; CRLF SP name*1*=…".
    static func extendedParameter(_ name: String, _ value: String) -> String {
        let limit = 60
        var sections: [String] = []
        var current = "UTF-8''"
        for scalar in value.unicodeScalars {
            var piece = ""
            for byte in String(scalar).utf8 {
                piece += isAttributeChar(byte) ? String(UnicodeScalar(byte)) : String(format: "%%%02X", byte)
            }
            if current.count + piece.count > limit {
                sections.append(current)
                current = ""
            }
            current += piece
        }
        sections.append(current)
        return sections.enumerated().map { ";\r\n \(name)*\($0.offset)*=\($0.element)" }.joined()
    }

    /// attribute-char of RFC 2231 §7: ASCII except space, controls, `*`, `'`, `%` and tspecials.
    static func isAttributeChar(_ byte: UInt8) -> Bool {
        guard byte > 0x20, byte < 0x7F else { return false }
        return !"*'%()<>@,;:\\\"/[]?=".utf8.contains(byte)
    }
}
