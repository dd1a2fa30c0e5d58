import MailModel

/// The remote host a text report names as the one that refused: `host mx.example.com[192.0.2.1]
/// said:` (Postfix), `host mx.example.com [192.0.2.1]:` (Exim), `192.0.2.1 does not like recipient.`
/// (qmail), `mx.example.com [192.0.2.1] did not like our RCPT TO:` (DragonFly), `... while talking
/// to mx.example.com.:` (Sendmail), `Generating server: host` (Microsoft).
enum RemoteHost {
    /// Words that precede or follow a host name in the sentences above.
    private static let cues: [Phrase] = ["host", "does not", "did not", "failed after", "talking to", "generating server"]

    static func name(in lines: [Substring]) -> String? {
        for line in lines.prefix(30) {
            let text = SearchText(line)
            guard cues.contains(where: text.contains) else { continue }
            let words = Self.words(of: line)
            for (index, word) in words.enumerated() {
                let lower = word.lowercased()
                var candidate: Substring?
                if lower == "host", index + 1 < words.count, index == 0 || !["no", "any", "unknown"].contains(words[index - 1].lowercased()) {
                    candidate = words[index + 1]
                } else if (lower == "does" || lower == "did" || lower == "failed"), index > 0, index + 1 < words.count,
                          ["not", "after"].contains(words[index + 1].lowercased()) {
                    candidate = words[index - 1] == words[index - 1].trimmingCharacters(in: "[]") ? words[index - 1] : (index > 1 ? words[index - 2] : nil)
                } else if lower == "talking", index + 2 < words.count, words[index + 1].lowercased() == "to" {
                    candidate = words[index + 2]
                } else if lower == "server:", index > 0, words[index - 1].lowercased() == "generating", index + 1 < words.count {
                    candidate = words[index + 1]
                }
                if let candidate, let host = hostName(candidate) { return host }
            }
        }
        return nil
    }

    /// The words of `line` between spaces and tabs: by bytes when it is plain ASCII (see
    /// `PlainASCII`), where they split the same as by Characters.
    static func words(of line: Substring) -> [Substring] {
        guard PlainASCII.isPlain(line) else { return words(characters: line) }
        var words: [Substring] = []
        let utf8 = line.utf8
        var index = utf8.startIndex
        var wordStart: Substring.Index?
        while index < utf8.endIndex {
            let byte = utf8[index]
            if byte == 0x20 || byte == 0x09 {
                if let start = wordStart { words.append(line[start..<index]); wordStart = nil }
            } else if wordStart == nil {
                wordStart = index
            }
            index = utf8.index(after: index)
        }
        if let start = wordStart { words.append(line[start...]) }
        return words
    }

    /// `words(of:)` by Characters, for any text.
    static func words(characters line: Substring) -> [Substring] {
        line.split(whereSeparator: { $0 == " " || $0 == "\t" })
    }

    /// `mx.example.com[192.0.2.1]:` → `mx.example.com`; nil unless it looks like a host name or an IP.
    static func hostName(_ word: Substring) -> String? {
        var bytes = word
        // Plain ASCII (see `PlainASCII`): the same tests on bytes, without Unicode properties.
        let plain: String?? = bytes.withUTF8 { utf8 in
            guard PlainASCII.isPlain(utf8) else { return .none }
            var end = 0
            while end < utf8.count, utf8[end] != UInt8(ascii: "["), utf8[end] != UInt8(ascii: "(") { end += 1 }
            while end > 0, ".:,;".utf8.contains(utf8[end - 1]) { end -= 1 }
            let host = UnsafeBufferPointer(rebasing: utf8[..<end])
            guard host.contains(UInt8(ascii: ".")), !host.contains(UInt8(ascii: "@")), host.count >= 3,
                  host.allSatisfy({ $0.isASCIILetter || $0.isASCIIDigit || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") })
            else { return .some(nil) }
            return .some(String(decoding: host, as: UTF8.self).lowercased())
        }
        if let plain { return plain }
        return hostName(characters: word)
    }

    /// `hostName(_:)` by Characters, for text that is not plain ASCII.
    static func hostName(characters word: Substring) -> String? {
        var text = word.prefix(while: { $0 != "[" && $0 != "(" })
        while let last = text.last, ".:,;".contains(last) { text.removeLast() }
        guard text.contains("."), !text.contains("@"), text.count >= 3,
              text.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == "_" }) else { return nil }
        return text.lowercased()
    }
}

private extension Substring {
    func trimmingCharacters(in set: String) -> Substring {
        var text = self
        while let first = text.first, set.contains(first) { text.removeFirst() }
        while let last = text.last, set.contains(last) { text.removeLast() }
        return text
    }
}
