import MailModel

/// Reads what the human-readable part of a report says about one recipient: the line naming the
/// address and the indented lines that continue it (Postfix's `<a@b>: host x said: 550 …`,
/// Sendmail's `<a@b>` then `(reason: 550 …)`, OpenSMTPD's `a@b: 550 …`).
public enum HumanReadableText {
    /// Lines of diagnostic text kept at most per recipient.
    static let maximumLines = 8

    /// The text about `recipient` in `texts`, with the address itself and white space runs
    /// removed, or nil when no part names the address with anything after it.
    public static func diagnostic(for recipient: String, in texts: [String]) -> String? {
        let needle = recipient.lowercased()
        guard !needle.isEmpty else { return nil }
        let needleIsPlain = PlainASCII.isPlain(needle)
        for text in texts {
            let found = needleIsPlain && PlainASCII.isPlain(text)
                ? diagnostic(plain: text, needle: needle) : diagnostic(characters: text, needle: needle)
            if let found { return found }
        }
        return nil
    }

    /// `diagnostic(for:in:)` in one text, by characters.
    static func diagnostic(characters text: String, needle: String) -> String? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, line) in lines.enumerated() where line.lowercased().contains(needle) {
            var collected = [String(line)]
            var next = index + 1
            while next < lines.count, collected.count < maximumLines,
                  let first = lines[next].first, first == " " || first == "\t" {
                collected.append(String(lines[next]))
                next += 1
            }
            let cleaned = clean(collected.joined(separator: " "), removing: needle)
            if cleaned.count >= 3 { return cleaned }
        }
        return nil
    }

    /// `diagnostic(characters:needle:)` by bytes, for a text and lowercase needle that are plain
    /// ASCII (see `PlainASCII`): lines end at LF, and ASCII lowercasing is `lowercased()`.
    static func diagnostic(plain text: String, needle: String) -> String? {
        var text = text
        let needleBytes = Array(needle.utf8)
        return text.withUTF8 { bytes -> String? in
            let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
            for (index, line) in lines.enumerated() where PlainASCII.contains(line, lowercase: needleBytes) {
                var collected = [String(decoding: line, as: UTF8.self)]
                var next = index + 1
                while next < lines.count, collected.count < maximumLines,
                      let first = lines[next].first, first == 0x20 || first == 0x09 {
                    collected.append(String(decoding: lines[next], as: UTF8.self))
                    next += 1
                }
                let cleaned = clean(collected.joined(separator: " "), removing: needle)
                if cleaned.count >= 3 { return cleaned }
            }
            return nil
        }
    }

    /// The text with every occurrence of the address (and its `<>`) dropped, leading punctuation
    /// trimmed and white space folded.
    static func clean(_ text: String, removing address: String) -> String {
        removing(address, from: removing("<" + address + ">", from: text))
            .split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
            .joined(separator: " ")
            .drop(while: { "<>:;,.()[]- ".contains($0) })
            .description
    }

    /// `text` without any ASCII-case-insensitive occurrence of `needle`. Works on bytes, where the
    /// lowercased copy keeps every offset of the original.
    static func removing(_ needle: String, from text: String) -> String {
        let haystack = SearchText(text)
        let phrase = Phrase(bytes: SearchText(needle).bytes)
        let original = Array(text.utf8)
        var result: [UInt8] = []
        var start = 0
        while let hit = haystack.firstOffset(of: phrase, from: start) {
            result += original[start..<hit]
            start = hit + phrase.count
        }
        guard start > 0 else { return text }
        result += original[start...]
        return String(decoding: result, as: UTF8.self)
    }

    /// The whole multi-line reply whose first line is `firstLine` (`552-5.7.0 This message …`),
    /// from a session transcript in `texts` (`<<< 552-5.7.0 …` lines), or nil when absent.
    public static func fullReply(startingWith firstLine: String, in texts: [String]) -> String? {
        let prefix = String(firstLine.prefix(4))
        guard prefix.count == 4, prefix.last == "-", prefix.prefix(3).allSatisfy(\.isNumber) else { return nil }
        let code = prefix.prefix(3)
        let firstLineIsPlain = PlainASCII.isPlain(firstLine)
        for text in texts {
            let found = firstLineIsPlain && PlainASCII.isPlain(text)
                ? fullReply(plain: text, firstLine: firstLine, code: code)
                : fullReply(characters: text, firstLine: firstLine, code: code)
            if let found { return found }
        }
        return nil
    }

    /// `fullReply(startingWith:in:)` in one text, by characters.
    static func fullReply(characters text: String, firstLine: String, code: Substring) -> String? {
        // A byte search rules out most texts before the Character-wise one.
        guard PlainASCII.mayContain(text, firstLine), text.contains(firstLine) else { return nil }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for start in lines.indices where lines[start].contains(firstLine) {
            var reply: [Substring] = []
            for line in lines[start...] {
                var body = line.drop(while: { $0 == " " || $0 == "\t" })
                if body.hasPrefix("<<<") { body = body.dropFirst(3).drop(while: { $0 == " " }) }
                guard body.hasPrefix(code + "-") || body.hasPrefix(code + " ") else { break }
                reply.append(body)
                if body.hasPrefix(code + " ") { break }
            }
            if reply.count > 1 { return reply.joined(separator: " ") }
        }
        return nil
    }

    /// `fullReply(characters:firstLine:code:)` by bytes, for a text and first line that are plain
    /// ASCII (see `PlainASCII`).
    static func fullReply(plain text: String, firstLine: String, code: Substring) -> String? {
        guard PlainASCII.mayContain(text, firstLine) else { return nil }
        var text = text
        let needle = Array(firstLine.utf8)
        let dash = Array((code + "-").utf8), space = Array((code + " ").utf8)
        return text.withUTF8 { bytes -> String? in
            let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
            for start in lines.indices where PlainASCII.contains(lines[start], exactly: needle) {
                var reply: [Slice<UnsafeBufferPointer<UInt8>>] = []
                for line in lines[start...] {
                    var body = line.drop(while: { $0 == 0x20 || $0 == 0x09 })
                    if body.starts(with: [0x3C, 0x3C, 0x3C]) { body = body.dropFirst(3).drop(while: { $0 == 0x20 }) }
                    guard body.starts(with: dash) || body.starts(with: space) else { break }
                    reply.append(body)
                    if body.starts(with: space) { break }
                }
                if reply.count > 1 {
                    return reply.map { String(decoding: $0, as: UTF8.self) }.joined(separator: " ")
                }
            }
            return nil
        }
    }
}
