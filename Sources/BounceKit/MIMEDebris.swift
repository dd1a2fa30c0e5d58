import MailModel

/// MIME structure that leaks into a diagnostic when a report's text runs on past its own part (a
/// bounce forwarded as plain text, a report without MIME headers): the next part's boundary line
/// and its `Content-Type:` headers are not what the server said, and they make `events show` and
/// `grep` noisy. Found in the corpus as `… closing transmission channel --F5CC7626C47D.1687569380/relay00
/// Content-Description: Delivery report Content-Type: message/delivery-status …`.
public enum MIMEDebris {
    /// Header names that only describe a MIME part.
    static let headerNames = ["content-type:", "content-transfer-encoding:", "content-description:",
                              "content-disposition:", "content-id:", "mime-version:"]

    /// A line as a report's text gives it is where the text ends when it is a boundary line
    /// (`--B`, `------=_Part_1`, RFC 2046 §5.1.1): what follows belongs to another part.
    public static func isBoundaryLine(_ line: some StringProtocol) -> Bool {
        let trimmed = line.drop(while: { $0 == " " || $0 == "\t" })
        guard trimmed.hasPrefix("--"), trimmed.count >= 6,
              !trimmed.contains(where: { $0 == " " || $0 == "\t" }) else { return false }
        return trimmed.contains(where: { $0.isLetter || $0.isNumber })
    }

    /// A line that is a MIME part header (`Content-Type: text/plain`), never part of a reply.
    /// Compares bytes, ASCII letters in any case: the names are ASCII, and lowercasing every
    /// line of every diagnostic as a string cost more than the rest of the cleaning.
    public static func isHeaderLine(_ line: some StringProtocol) -> Bool {
        isHeaderLine(bytes: line.utf8)
    }

    static func isHeaderLine<Bytes: Collection<UInt8>>(bytes utf8: Bytes) -> Bool {
        var start = utf8.startIndex
        while start < utf8.endIndex, utf8[start] == 0x20 || utf8[start] == 0x09 { utf8.formIndex(after: &start) }
        return headerNameBytes.contains { name in
            var index = start
            for letter in name {
                guard index < utf8.endIndex else { return false }
                let byte = utf8[index]
                guard PlainASCII.lowercased(byte) == letter else { return false }
                utf8.formIndex(after: &index)
            }
            return true
        }
    }

    private static let headerNameBytes = headerNames.map { Array($0.utf8) }

    /// `text` without MIME debris, white space folded: lines are read up to a boundary line and
    /// part headers skipped; in text already folded to one line, a boundary followed by part
    /// headers, and part headers at the very end, are cut off.
    public static func removed(from text: String) -> String {
        var text = text
        if let plain = text.withUTF8({ PlainASCII.isPlain($0) ? removed(plain: $0) : nil }) { return plain }
        return removed(characters: text)
    }

    /// `removed(from:)` by characters, for any text.
    static func removed(characters text: String) -> String {
        var kept: [Substring] = []
        var pendingSoftBreak = false
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            if isBoundaryLine(line) { break }
            if isHeaderLine(line) { continue }
            var line = line
            // A quoted-printable soft line break (RFC 2045 §6.7: `=` ending a line of up to 76)
            // joins the next line without a space.
            let softBreak = line.hasSuffix("=") && line.count >= 70
            if softBreak { line = line.dropLast() }
            if pendingSoftBreak, let last = kept.popLast() { kept.append(Substring(String(last) + line)) } else { kept.append(line) }
            pendingSoftBreak = softBreak
        }
        var words = kept.flatMap { $0.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }) }
        if let cut = words.indices.first(where: { index in
            index + 1 < words.count && isBoundaryLine(words[index]) && isHeaderLine(words[index + 1])
        }) {
            words.removeSubrange(cut...)
        }
        if let tail = headerTailStart(words, isHeader: { isHeaderLine($0) }) { words.removeSubrange(tail...) }
        return words.joined(separator: " ")
    }

    /// `removed(from:)` by bytes, for text where that gives the same (see `PlainASCII`): lines end
    /// at LF; a line's length is its byte count; words are runs between spaces and tabs.
    static func removed(plain text: UnsafeBufferPointer<UInt8>) -> String {
        // The kept lines, a space between them (a word break) or none after a soft line break.
        var joined: [UInt8] = []
        joined.reserveCapacity(text.count)
        var hasKept = false
        var pendingSoftBreak = false
        var lineStart = 0
        while lineStart <= text.count {
            var lineEnd = lineStart
            while lineEnd < text.count, text[lineEnd] != 0x0A { lineEnd += 1 }
            let line = UnsafeBufferPointer(rebasing: text[lineStart..<lineEnd])
            lineStart = lineEnd + 1
            if isBoundaryLine(bytes: line) { break }
            if isHeaderLine(bytes: line) { continue }
            let softBreak = line.last == UInt8(ascii: "=") && line.count >= 70
            if hasKept, !pendingSoftBreak { joined.append(0x20) }
            joined.append(contentsOf: softBreak ? UnsafeBufferPointer(rebasing: line.dropLast()) : line)
            hasKept = true
            pendingSoftBreak = softBreak
        }
        return joined.withUnsafeBufferPointer { joined -> String in
            var words = PlainASCII.wordRanges(joined) { $0 == 0x20 || $0 == 0x09 }
            if let cut = words.indices.first(where: { index in
                index + 1 < words.count && isBoundaryLine(bytes: joined[words[index]]) && isHeaderLine(bytes: joined[words[index + 1]])
            }) {
                words.removeSubrange(cut...)
            }
            if let tail = headerTailStart(words, isHeader: { isHeaderLine(bytes: joined[$0]) }) { words.removeSubrange(tail...) }
            var result: [UInt8] = []
            result.reserveCapacity(joined.count)
            for (index, word) in words.enumerated() {
                if index > 0 { result.append(0x20) }
                result.append(contentsOf: joined[word])
            }
            return String(decoding: result, as: UTF8.self)
        }
    }

    /// `isBoundaryLine(_:)` for a line of plain ASCII (see `PlainASCII`).
    static func isBoundaryLine<Bytes: Collection<UInt8>>(bytes line: Bytes) -> Bool {
        let trimmed = line.drop(while: { $0 == 0x20 || $0 == 0x09 })
        guard trimmed.starts(with: [0x2D, 0x2D]), trimmed.count >= 6,
              !trimmed.contains(where: { $0 == 0x20 || $0 == 0x09 }) else { return false }
        return trimmed.contains(where: { ($0 | 0x20) &- 0x61 < 26 || $0 &- 0x30 < 10 })
    }

    /// Where a run of part headers that ends the text starts: each header name followed by at most
    /// three words of value (`Content-Type: text/plain; charset="UTF-8"`).
    static func headerTailStart<Word>(_ words: [Word], isHeader: (Word) -> Bool) -> Int? {
        candidates: for start in words.indices where isHeader(words[start]) {
            var sinceHeader = 0
            for word in words[start...].dropFirst() {
                if isHeader(word) { sinceHeader = 0; continue }
                sinceHeader += 1
                if sinceHeader > 3 { continue candidates }
            }
            return start
        }
        return nil
    }
}
