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
        for text in texts {
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
        }
        return nil
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
            start = hit + phrase.bytes.count
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
        // A byte search rules out most texts before the Character-wise one.
        for text in texts where PlainASCII.mayContain(text, firstLine) && text.contains(firstLine) {
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
        }
        return nil
    }
}
