import MailModel

/// One linear pass over raw message bytes that measures what `MessageBounds` limits: the longest
/// line, the deepest header comment, the container Content-Types and the delimiter-like lines.
///
/// Lines end at LF, CR or CRLF. A line that starts like a header field (`name:`, RFC 5322 §2.2)
/// opens a field; lines starting with a space or tab continue it (folding, §2.2.3). Anything
/// else ends it. Body lines that look like fields are measured too: over-counting only makes
/// the bounds stricter, never lets a hostile message through.
///
/// Its functions are optimised in debug builds too (`@_optimize(speed)`): unoptimised, the loop
/// costs thousands of instructions a byte, seconds for a 20 MB message in the tests.
struct BoundsScanner {
    private(set) var longestLine = 0
    private(set) var deepestComment = 0
    private(set) var containers = 0
    private(set) var delimiterLines = 0
    private(set) var headerLines = 0

    // Where header sections are: the message's start, after each delimiter-like line, and after
    // the header of a part naming a container or of an empty part (a digest's message/rfc822),
    // each up to its blank line. Lines there count, fields or not (libetpan skips junk lines).
    private var inHeader = true
    private var afterDelimiter = false
    private var sectionLines = 0
    private var sectionNamesContainer = false

    // The field being read (header comments and quoted strings, RFC 5322 §3.2.2, §3.2.4).
    private var inField = false
    private var fieldIsContentType = false
    private var fieldCounted = false
    private var depth = 0
    private var quoted = false
    private var escaped = false

    /// Scans `bytes` once; each byte is looked at a bounded number of times.
    @_optimize(speed)
    static func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> BoundsScanner {
        var scanner = BoundsScanner()
        guard let base = bytes.baseAddress else { return scanner }
        let count = bytes.count
        var start = 0
        // Lines end at the first LF or CR: memchr finds the next of each many bytes at a time, and
        // looks again only once the line start has passed it (a message without a CR is searched
        // for one once).
        var nextLF = Self.find(0x0A, base, from: 0, count: count)
        var nextCR = Self.find(0x0D, base, from: 0, count: count)
        while start < count {
            if nextLF < start { nextLF = Self.find(0x0A, base, from: start, count: count) }
            if nextCR < start { nextCR = Self.find(0x0D, base, from: start, count: count) }
            let end = min(nextLF, nextCR)
            scanner.line(UnsafeBufferPointer(start: base + start, count: end - start))
            start = end < count && base[end] == 0x0D && end + 1 < count && base[end + 1] == 0x0A ? end + 2 : end + 1
        }
        return scanner
    }

    /// The offset of the first `byte` in `base[from..<count]`, or `count`.
    @_optimize(speed)
    private static func find(_ byte: UInt8, _ base: UnsafePointer<UInt8>, from: Int, count: Int) -> Int {
        guard from < count, let hit = memchr(base + from, Int32(byte), count - from) else { return count }
        return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
    }

    @_optimize(speed)
    private mutating func line(_ line: UnsafeBufferPointer<UInt8>) {
        longestLine = max(longestLine, line.count)
        guard let first = line.first else {
            inField = false
            if inHeader {
                inHeader = sectionNamesContainer || (afterDelimiter && sectionLines == 0)
                afterDelimiter = false
                sectionLines = 0
                sectionNamesContainer = false
            }
            return
        }
        if line.count >= 2, first == UInt8(ascii: "-"), line[1] == UInt8(ascii: "-") {
            delimiterLines += 1
            inHeader = true
            afterDelimiter = true
            sectionLines = 0
            sectionNamesContainer = false
        } else if inHeader {
            headerLines += 1
            sectionLines += 1
        }
        if first == 0x20 || first == 0x09 {
            if inField { value(line) }
            return
        }
        guard let (nameEnd, colon) = Self.fieldName(line) else {
            inField = false
            return
        }
        inField = true
        fieldIsContentType = Self.equalsIgnoringCase(line[..<nameEnd], "content-type")
        fieldCounted = false
        depth = 0
        quoted = false
        escaped = false
        value(UnsafeBufferPointer(rebasing: line[(colon + 1)...]))
    }

    /// A field's value, or a continuation line of it. The state lives in locals for the loop.
    @_optimize(speed)
    private mutating func value(_ text: UnsafeBufferPointer<UInt8>) {
        var escaped = self.escaped, quoted = self.quoted, depth = self.depth, deepest = deepestComment
        let count = text.count
        var index = 0
        while index < count {
            // Outside quotes and comments only '(' and '"' change the state: skip eight bytes at
            // a time while none of them is one (SWAR: a byte of `word ^ pattern` is zero exactly
            // where `word` holds that pattern's byte), then straight to the first that is.
            if !escaped, !quoted, depth == 0, let base = text.baseAddress {
                while index + 8 <= count {
                    let word = ByteWord.load(base + index)
                    let special = ByteWord.matches(word, 0x22) | ByteWord.matches(word, 0x28)
                    if special != 0 {
                        index += special.trailingZeroBitCount >> 3
                        break
                    }
                    index += 8
                }
                guard index < count else { break }
            }
            let byte = text[index]
            index += 1
            if escaped {
                escaped = false
            } else if byte == UInt8(ascii: "\\"), quoted || depth > 0 {
                escaped = true   // quoted-pair (RFC 5322 §3.2.1)
            } else if quoted {
                if byte == UInt8(ascii: "\"") { quoted = false }
            } else if byte == UInt8(ascii: "(") {
                depth += 1
                deepest = max(deepest, depth)
            } else if byte == UInt8(ascii: ")") {
                if depth > 0 { depth -= 1 }
            } else if byte == UInt8(ascii: "\""), depth == 0 {
                quoted = true
            }
        }
        self.escaped = escaped
        self.quoted = quoted
        self.depth = depth
        deepestComment = deepest
        if fieldIsContentType, !fieldCounted, Self.namesContainer(text) {
            fieldCounted = true
            containers += 1
            if inHeader { sectionNamesContainer = true }
        }
    }

    /// Where the field name at the start of `line` ends and the index of its colon, when it has
    /// one: `field-name = 1*ftext` (%d33-57 / %d59-126), optional white space, ":" (RFC 5322 §3.6.8).
    @_optimize(speed)
    static func fieldName(_ line: UnsafeBufferPointer<UInt8>) -> (end: Int, colon: Int)? {
        // A field's line holds a colon: memchr rules out most body lines (base64 has none) at
        // once, and the name is read only up to the first colon, where reading stops anyway.
        guard let base = line.baseAddress, let hit = memchr(base, Int32(UInt8(ascii: ":")), line.count) else { return nil }
        let colon = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
        var index = 0
        // Eight bytes at a time while all are ftext: a long token before the colon is read a word
        // at a time.
        while index + 8 <= colon {
            let word = ByteWord.load(base + index)
            if ByteWord.hasByteBelow(word, 33) || ByteWord.hasNonASCII(word) || ByteWord.hasByte(word, 127) { break }
            index += 8
        }
        while index < colon, line[index] >= 33, line[index] <= 126 { index += 1 }
        guard index > 0 else { return nil }
        let end = index
        while index < colon, line[index] == 0x20 || line[index] == 0x09 { index += 1 }
        return index == colon ? (end, colon) : nil
    }

    /// True when `text` mentions "multipart" or "message" in any case: the composite types
    /// (RFC 2046 §5) libetpan descends into. A parameter that merely mentions them counts too.
    @_optimize(speed)
    static func namesContainer(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < text.count {
            if text[index] | 0x20 == UInt8(ascii: "m") {
                let rest = UnsafeBufferPointer(rebasing: text[index...])
                if hasPrefixIgnoringCase(rest, "multipart") || hasPrefixIgnoringCase(rest, "message") { return true }
            }
            index += 1
        }
        return false
    }

    @_optimize(speed)
    static func hasPrefixIgnoringCase(_ text: UnsafeBufferPointer<UInt8>, _ prefix: StaticString) -> Bool {
        guard text.count >= prefix.utf8CodeUnitCount else { return false }
        return equalsIgnoringCase(UnsafeBufferPointer(rebasing: text[..<prefix.utf8CodeUnitCount]), prefix)
    }

    @_optimize(speed)
    static func equalsIgnoringCase(_ text: Slice<UnsafeBufferPointer<UInt8>>, _ word: StaticString) -> Bool {
        equalsIgnoringCase(UnsafeBufferPointer(rebasing: text), word)
    }

    /// ASCII case-insensitive comparison with a lowercase `word`.
    @_optimize(speed)
    static func equalsIgnoringCase(_ text: UnsafeBufferPointer<UInt8>, _ word: StaticString) -> Bool {
        PlainASCII.equalsIgnoringCase(text, lowercase: UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount))
    }
}
