/// The message's own header section as libetpan needs it: only the fields that decide its parse,
/// moved to the end of the section, so that `mailmime_parse` can start there instead of at the
/// top. libetpan reads a message's header with `mailimf_envelope_and_optional_fields_parse`,
/// which builds a string or a structure for every field (Received, DKIM-Signature, …), about a
/// sixth of a worker's instructions; MailEvents reads those fields itself (`HeaderParser`) and
/// takes only the MIME fields from libetpan's parse (Content-Type and Content-Transfer-Encoding,
/// RFC 2045 §5, §6).
///
/// The rewrite leaves every other byte where it was, so the body, and every pointer libetpan
/// returns into it, is at the same offset as in a parse of the whole section: the bytes before
/// `start` are not read at all, the kept fields keep their order (libetpan takes the first
/// Content-Type), and the blank line that ends the section stays in place.
///
/// Which fields are kept, and why the parse is the same (libetpan 1.9.4's mailimf.c, mailmime.c):
/// - libetpan reads every field as an unstructured optional field (RFC 5322 §3.6.8), exactly as
///   `OptionalFields` does, except those whose name it reads as Date, From, Sender, Reply-To, To,
///   Cc, Bcc, Message-ID, In-Reply-To or References: those it first tries with their own grammar
///   (§3.6.1–3.6.4), which may end a folded field at an earlier line break (the folded line it
///   cannot read then starts no field, and the section ends there). Folded ones are kept, with
///   the MIME fields (Content-* and MIME-Version): any name starting with one of those words, in
///   any case, so every name libetpan might read so is among them.
/// - A kept field is read the same in both sections: its own bytes are the same, and what follows
///   it is in both a field name or the blank line, never white space that could continue it.
///   A structured reading cannot run past the line break that ends a field but through a
///   quoted-pair (`\` and any byte, §3.2.1): a section with a backslash before a line break is
///   parsed whole.
/// - So libetpan reads the whole section to its blank line exactly when it reads the compact one
///   to it: `MIMEParser` checks where libetpan's body starts (`bodyStart`) and parses the message
///   whole when it is anywhere else. `CompactHeaderTests` compares the two parses.
struct CompactHeader {
    /// Where the rewritten section starts: the offset to give `mailmime_parse`.
    let start: Int
    /// Where the body starts after the section's blank line: where libetpan's body must start.
    var bodyStart: Int { end + 1 }
    /// The kept fields, each as written (name to line break), in their order.
    private let fields: [Range<Int>]
    /// Where the section's fields end: the blank line.
    private let end: Int

    /// Collects a section's fields as a reading of it finds them (`HeaderParser.parse`'s
    /// `eachField`), so the section is split once.
    struct Collector {
        private var fields: [Range<Int>] = []
        private var length = 0
        private var end = 0

        mutating func add(_ field: OptionalFields.Field, in bytes: UnsafeBufferPointer<UInt8>) {
            if CompactHeader.isKept(field, in: bytes) {
                fields.append(end..<field.end)
                length += field.end - end
            }
            end = field.end
        }

        /// The compact header of the section whose fields were added, or nil when the message must
        /// be parsed whole: no blank line after the fields, or a backslash before a line break.
        func header(in bytes: UnsafeBufferPointer<UInt8>) -> CompactHeader? {
            guard end > 0, end < bytes.count, bytes[end] == 0x0A,
                  !CompactHeader.hasEscapedLineBreak(UnsafeBufferPointer(rebasing: bytes[..<end])) else { return nil }
            return CompactHeader(start: end - length, fields: fields, end: end)
        }
    }

    /// The compact header of the message in `bytes`, or nil when it must be parsed whole.
    init?(_ bytes: UnsafeBufferPointer<UInt8>) {
        var collector = Collector()
        OptionalFields(bytes).forEach { collector.add($0, in: bytes) }
        guard let header = collector.header(in: bytes) else { return nil }
        self = header
    }

    private init(start: Int, fields: [Range<Int>], end: Int) {
        self.start = start
        self.fields = fields
        self.end = end
    }

    /// Moves the kept fields in `bytes` to the end of the section, so that they end where the
    /// section's fields did. Last field first: each moves towards the end and lands at or after
    /// its own place, so no field is overwritten before it has moved.
    func write(to bytes: UnsafeMutableBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress else { return }
        var offset = end
        for field in fields.reversed() {
            offset -= field.count
            (base + offset).update(from: base + field.lowerBound, count: field.count)
        }
        assert(offset == start)
    }

    /// The words that start the names of the MIME fields (see the type's comment), lowercase.
    private static let mimeNames: [StaticString] = ["content-", "mime-version"]
    /// The words that start the names of the fields libetpan may read with a grammar of their own.
    private static let structuredNames: [StaticString] = [
        "date", "from", "sender", "reply-to", "to", "cc", "bcc", "message-id", "in-reply-to", "references",
    ]

    /// Whether `field` is kept: its name starts with one of `mimeNames`, in any case; or with one
    /// of `structuredNames` and it is folded. A structured reading ends at a line break, so one
    /// of a field of one line ends where the field does, or fails, and libetpan then reads the
    /// field as `OptionalFields` does: only a folded one can end early.
    static func isKept(_ field: OptionalFields.Field, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let name = UnsafeBufferPointer(rebasing: bytes[field.name])
        if mimeNames.contains(where: { BoundsScanner.hasPrefixIgnoringCase(name, $0) }) { return true }
        guard structuredNames.contains(where: { BoundsScanner.hasPrefixIgnoringCase(name, $0) }),
              let base = bytes.baseAddress else { return false }
        return memchr(base + field.name.lowerBound, 0x0A, field.end - 1 - field.name.lowerBound) != nil
    }

    /// Whether a backslash stands right before a line feed.
    static func hasEscapedLineBreak(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        var from = 0
        while from < bytes.count, let hit = memchr(base + from, 0x0A, bytes.count - from) {
            let offset = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if offset > 0, bytes[offset - 1] == UInt8(ascii: "\\") { return true }
            from = offset + 1
        }
        return false
    }
}
