/// Splits a header section into fields the way libetpan's `mailimf_optional_fields_parse` does,
/// without its allocations: each field is the byte ranges of its name and raw value in the caller's
/// buffer, and the section ends at the first line that is not a field, as libetpan's does.
///
///     fields         = *(optional-field)                      (RFC 5322 §3.6)
///     optional-field = field-name ":" unstructured CRLF       (RFC 5322 §3.6.8)
///     field-name     = 1*ftext                                (RFC 5322 §3.6.8)
///     CFWS           = *([FWS] comment) (([FWS] comment) / FWS)  (RFC 5322 §3.2.2)
///
/// libetpan's reading, kept here function by function (mailimf.c of libetpan 1.9.4): the name is
/// any bytes from 33 to 255 but ":"; CFWS may stand between the name and its colon; the value
/// starts after the spaces and tabs that follow the colon and runs to the line break that is not
/// followed by a space or tab; a value stops at its first NUL byte (libetpan copies it with
/// strncpy). A comment is read with a depth count instead of recursion, so no nesting can
/// exhaust the stack; any comment libetpan reads, this reads the same.
/// `OptionalFieldsTests` compares it with libetpan's own parse (`HeaderParser.libetpanFields`).
struct OptionalFields {
    /// One field: where its name and its raw value lie in the section, and where it ends (after
    /// the line break that ends it, where the next field would start).
    struct Field {
        let name: Range<Int>
        let value: Range<Int>
        let end: Int
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    /// Whether the section holds a CR. Parsed messages have LF line ends only (`LineEndings`), so
    /// a value is read a line at a time with memchr; a CR needs libetpan's byte-at-a-time states.
    private let hasCarriageReturn: Bool

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        hasCarriageReturn = bytes.baseAddress.map { memchr($0, 0x0D, bytes.count) != nil } ?? false
    }

    /// Calls `body` with each field from the start of the section, in order.
    func forEach(_ body: (Field) -> Void) {
        var index = 0
        while let (field, next) = field(at: index) {
            body(field)
            index = next
        }
    }

    /// optional-field = field-name ":" unstructured CRLF, libetpan's `mailimf_optional_field_parse`:
    /// the field at `start` and where the next one starts, or nil when there is no field there.
    private func field(at start: Int) -> (Field, Int)? {
        var end = start
        while end < bytes.count, Self.isFieldText(bytes[end]) { end += 1 }
        guard end > start else { return nil }
        // mailimf_colon_parse: CFWS (if any), then ":".
        let colon = cfws(end) ?? end
        guard colon < bytes.count, bytes[colon] == UInt8(ascii: ":") else { return nil }
        guard let (value, terminal) = unstructured(colon + 1) else { return nil }
        // mailimf_unstrict_crlf_parse: CFWS (if any), an optional CR, then LF.
        var next = cfws(terminal) ?? terminal
        if next < bytes.count, bytes[next] == 0x0D { next += 1 }
        guard next < bytes.count, bytes[next] == 0x0A else { return nil }
        return (Field(name: start..<end, value: value, end: next + 1), next + 1)
    }

    /// ftext = %d33-57 / %d59-126, and libetpan also takes the bytes above 126.
    private static func isFieldText(_ byte: UInt8) -> Bool {
        byte >= 33 && byte != UInt8(ascii: ":")
    }

    private static func isSpaceOrTab(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09
    }

    /// mailimf_unstructured_parse: spaces and tabs skipped, then the value up to the line break
    /// that ends it (one not followed by a space or tab). Returns the value's bytes (up to a NUL)
    /// and where its line break starts, or nil when the section ends inside the value.
    private func unstructured(_ start: Int) -> (Range<Int>, Int)? {
        enum State { case text, carriageReturn, lineFeed, whitespace }
        var index = start
        while index < bytes.count, Self.isSpaceOrTab(bytes[index]) { index += 1 }
        let begin = index
        if !hasCarriageReturn { return lineFeedUnstructured(begin) }
        var terminal = index
        var state = State.text
        loop: while true {
            switch state {
            case .text:
                guard index < bytes.count else { return nil }
                terminal = index
                switch bytes[index] {
                case 0x0D: state = .carriageReturn
                case 0x0A: state = .lineFeed
                default: break
                }
            case .carriageReturn:
                guard index < bytes.count else { return nil }
                state = bytes[index] == 0x0A ? .lineFeed : .text
            case .lineFeed:
                guard index < bytes.count, Self.isSpaceOrTab(bytes[index]) else { break loop }
                state = .whitespace
            case .whitespace:
                guard index < bytes.count else { return nil }
                switch bytes[index] {
                case 0x0D: state = .carriageReturn
                case 0x0A: state = .lineFeed
                default: state = .text
                }
            }
            index += 1
        }
        return (begin..<beforeNUL(begin, terminal), terminal)
    }

    /// `unstructured(_:)`'s states when the section holds no CR: the text state runs to the next LF
    /// (memchr), and an LF followed by a space or tab continues the value unless a line of only
    /// spaces and tabs ends there.
    private func lineFeedUnstructured(_ begin: Int) -> (Range<Int>, Int)? {
        guard let base = bytes.baseAddress else { return nil }
        var index = begin
        while true {
            guard let hit = memchr(base + index, 0x0A, bytes.count - index) else { return nil }
            let terminal = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            index = terminal + 1
            while true {
                guard index < bytes.count, Self.isSpaceOrTab(bytes[index]) else {
                    return (begin..<beforeNUL(begin, terminal), terminal)
                }
                index += 1
                guard index < bytes.count else { return nil }
                guard bytes[index] == 0x0A else { break }
                index += 1
            }
        }
    }

    /// `end`, or the first NUL before it: libetpan copies a value with strncpy.
    private func beforeNUL(_ start: Int, _ end: Int) -> Int {
        guard let base = bytes.baseAddress, end > start, let nul = memchr(base + start, 0, end - start) else { return end }
        return base.distance(to: nul.assumingMemoryBound(to: UInt8.self))
    }

    /// mailimf_fws_parse: FWS = ([*WSP CRLF] 1*WSP): where it ends, or nil when there is none.
    private func fws(_ start: Int) -> Int? {
        var index = start
        while index < bytes.count, Self.isSpaceOrTab(bytes[index]) { index += 1 }
        let leading = index > start
        let afterLeading = index
        if index < bytes.count, bytes[index] == 0x0D { index += 1 }
        guard index < bytes.count, bytes[index] == 0x0A else { return leading ? afterLeading : nil }
        index += 1
        let folded = index
        while index < bytes.count, Self.isSpaceOrTab(bytes[index]) { index += 1 }
        if index > folded { return index }
        return leading ? afterLeading : nil
    }

    /// mailimf_cfws_parse: where the CFWS at `start` ends, or nil when there is none.
    private func cfws(_ start: Int) -> Int? {
        var index = start
        var hasComment = false
        while true {
            let open = fws(index) ?? index
            guard open < bytes.count, bytes[open] == UInt8(ascii: "("), let end = comment(open) else { break }
            index = end
            hasComment = true
        }
        return hasComment ? index : fws(index)
    }

    /// mailimf_comment_parse: comment = "(" *([FWS] ccontent) [FWS] ")", ccontent = ctext /
    /// quoted-pair / comment. Where the comment opening at `start` ends, or nil when it does not
    /// close. libetpan recurses into a nested comment and any failure inside fails every enclosing
    /// comment, so a depth count reads the same.
    private func comment(_ start: Int) -> Int? {
        var depth = 1
        var index = start + 1
        while true {
            index = fws(index) ?? index
            guard index < bytes.count else { return nil }
            let byte = bytes[index]
            if byte == UInt8(ascii: ")") {
                depth -= 1
                index += 1
                if depth == 0 { return index }
            } else if byte == UInt8(ascii: "(") {
                depth += 1
                index += 1
            } else if Self.isCommentText(byte) {
                index += 1
            } else if byte == UInt8(ascii: "\\"), index + 1 < bytes.count {
                index += 2   // quoted-pair: any byte after the backslash
            } else {
                return nil
            }
        }
    }

    /// ctext as libetpan reads it (its `is_ctext`): every byte but NUL, tab, LF, CR, space, "(", ")"
    /// and "\".
    private static func isCommentText(_ byte: UInt8) -> Bool {
        switch byte {
        case 0, 0x09, 0x0A, 0x0D, 0x20, UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "\\"): return false
        default: return true
        }
    }
}
