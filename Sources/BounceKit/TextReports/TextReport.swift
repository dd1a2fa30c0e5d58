#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif
import MailModel

/// The human-readable part of a plain-text bounce (one with no `message/delivery-status` part):
/// its lines up to the returned original, the recipients it names with the text about each, and
/// the original's headers when they come back inline. Shared by every vendor detector.
public struct TextReport: Sendable {
    /// Where a family's report puts its recipients and where it ends, beyond the shared markers.
    public struct Layout: Sendable {
        /// Recipients are looked for only after the first line holding one of these (lowercase).
        var start: [Phrase] = []
        /// Further lines (lowercase phrases) at which the report ends and the original begins.
        var end: [Phrase] = []
        /// Header fields naming the failed recipients (Exim's `X-Failed-Recipients`).
        var recipientHeaders: [String] = ["x-failed-recipients"]
        /// Whether a line may name its recipient after a reply code (Sendmail's `554 <a@b>... …`).
        var replyCodeBeforeAddress = false

        public init() {}
        init(start: [Phrase] = [], end: [Phrase] = [], recipientHeaders: [String] = ["x-failed-recipients"],
             replyCodeBeforeAddress: Bool = false) {
            self.start = start
            self.end = end
            self.recipientHeaders = recipientHeaders
            self.replyCodeBeforeAddress = replyCodeBeforeAddress
        }
    }

    /// One recipient and the lines the report writes about it.
    public struct Block: Sendable, Equatable {
        public var recipient: String
        /// The rest of the line naming the recipient, then the lines after it.
        public var lines: [Substring]
    }

    public let message: IncomingMessage
    /// The report's lines, before the returned original.
    public let lines: [Substring]
    /// The report text lowercased for phrase searches.
    let search: SearchText
    /// The SMTP command the report's transcript names last (`>>> RCPT TO:`), for replies whose
    /// own words name none. Read once: a report may list many recipients.
    let transcriptCommand: SMTPCommand?
    /// The returned original's headers: the `message/rfc822` part, else the header lines that
    /// follow the report's "copy of the message" marker.
    public let original: OriginalMessage?
    /// The returned original's header fields (from its part or written inline), for addresses
    /// the report names without a domain.
    let originalHeaders: HeaderFields?
    /// The text after the report (the original written inline), for the same purpose.
    let returnedText: Substring
    let layout: Layout
    /// Addresses that are never the recipient: the bounce's From, the original's sender.
    let strongExclusions: Set<String>
    /// Addresses that are the recipient only where nothing else is: the bounce's own To.
    let weakExclusions: Set<String>
    /// The bounce's From alone, for a report whose recipient is also the original's sender.
    let ownExclusions: Set<String>

    /// Bytes of text read at most: a report is short; what follows is the returned original.
    static let maximumBytes = 16 * 1024

    public init(_ message: IncomingMessage, layout: Layout = Layout()) {
        self.message = message
        self.layout = layout
        let text = Self.reportText(of: message.root)
        let searchable = SearchText(text)
        let (report, rest) = Self.split(text, searchable: searchable, extraEnds: layout.end)
        lines = Self.lines(of: report)
        search = SearchText(lowercased: Array(searchable.bytes.prefix(report.utf8.count)))
        transcriptCommand = SMTPCommand.last(in: search)
        var inlineOriginal: HeaderFields?
        if message.originalHeaders == nil, let rest {
            let fields = InlineHeaders.parse(rest.drop(while: { $0 == "\n" || $0 == " " }))
            if !fields.isEmpty { inlineOriginal = fields }
        }
        let originalHeaders = message.originalHeaders ?? inlineOriginal
        self.originalHeaders = originalHeaders
        returnedText = rest ?? ""
        original = message.original ?? inlineOriginal.map(OriginalMessage.init(headers:)).flatMap { $0.isEmpty ? nil : $0 }
        func addresses(_ value: String) -> [String] {
            RecipientLines.addresses(in: Substring(value)).map { $0.lowercased() }
        }
        var own: Set<String> = [], weak: Set<String> = [], sender: Set<String> = []
        for field in message.headers {
            if field.hasKey("from") {
                own.formUnion(addresses(field.value))
            } else if field.hasKey("to") || field.hasKey("return-path") || field.hasKey("reply-to") {
                weak.formUnion(addresses(field.value))
            }
        }
        for field in originalHeaders ?? HeaderFields()
        where field.hasKey("from") || field.hasKey("sender") || field.hasKey("return-path") {
            sender.formUnion(addresses(field.value))
        }
        ownExclusions = own
        strongExclusions = own.union(sender)
        weakExclusions = weak
    }

    // MARK: - The report text

    /// The text parts outside the returned original, joined; HTML only where no plain part is,
    /// with its tags removed.
    static func reportText(of root: MIMEPart) -> Substring {
        var plain: [Substring] = []
        var html: [Substring] = []
        var size = 0
        func visit(_ part: MIMEPart, isRoot: Bool) {
            guard size < maximumBytes else { return }
            switch part.content {
            case .text(let text):
                let type = part.contentType
                guard type.type == "text" || isRoot else { return }
                // Only the start of a long part is read: no copy of the rest is made.
                let start = Self.prefix(text, bytes: type.subtype == "html" ? 4 * maximumBytes : maximumBytes)
                if type.subtype == "html" { html.append(start) } else { plain.append(start) }
                size += start.utf8.count
            case .multipart(let parts):
                for child in parts { visit(child, isRoot: false) }
            case .message(let inner):
                if isRoot { visit(inner, isRoot: false) }
            case .binary:
                break
            }
        }
        visit(root, isRoot: true)
        let joined = plain.isEmpty ? html.map { HTMLText.plain(String($0)) }.joined(separator: "\n") : plain.joined(separator: "\n")
        // Lines end in LF only from here on: "\r\n" is one Character, which no "\n" search finds.
        var joinedText = joined
        let bytes: [UInt8] = joinedText.withUTF8 { source in
            let kept = source.prefix(maximumBytes)
            return [UInt8](unsafeUninitializedCapacity: kept.count) { buffer, count in
                count = 0
                for byte in kept where byte != 0x0D {
                    buffer[count] = byte
                    count += 1
                }
            }
        }
        return Substring(String(decoding: bytes, as: UTF8.self))
    }

    /// `text` split at each LF (empty lines kept), found with memchr: a Character-wise split, or
    /// even a byte-wise one through the substring's view, costs several times more.
    static func lines(of text: Substring) -> [Substring] {
        var source = text
        let breaks: [Int] = source.withUTF8 { buffer in
            guard let base = buffer.baseAddress else { return [] }
            var found: [Int] = []
            var offset = 0
            while offset < buffer.count, let hit = memchr(base + offset, 0x0A, buffer.count - offset) {
                let position = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                found.append(position)
                offset = position + 1
            }
            return found
        }
        let utf8 = text.utf8
        var lines: [Substring] = []
        lines.reserveCapacity(breaks.count + 1)
        var start = utf8.startIndex
        for position in breaks {
            let end = utf8.index(utf8.startIndex, offsetBy: position)
            lines.append(Substring(utf8[start..<end]))
            start = utf8.index(after: end)
        }
        lines.append(Substring(utf8[start...]))
        return lines
    }

    /// The first `count` bytes of `text` or fewer, ending on a character boundary, without a copy.
    static func prefix(_ text: String, bytes count: Int) -> Substring {
        let utf8 = text.utf8
        guard utf8.count > count else { return text[...] }
        var end = utf8.index(utf8.startIndex, offsetBy: count)
        while end > utf8.startIndex, UTF8.isContinuation(utf8[end]) { end = utf8.index(before: end) }
        return text[..<end]
    }

    /// Lines (lowercase) at which the returned original begins, as MTAs write them.
    static let originalMarkers: [Phrase] = [
        "this is a copy of the message", "this is a copy of your message", "below this line is a copy of the message",
        "message headers follow", "original message follows", "----- original message -----",
        "below is a copy of the original message", "------- returned message --------",
        "header of the original message is following", "included is a copy of the message header",
        "original message headers:", "----- unsent message below -----", "---- start of returned message ----",
        "------ original message header", "----- the following is a copy of the message",
        "---- the original message ----", "original message header follows", "----- message header follows",
        "------ original mail ------", "----- original message header", "content-type: message/rfc822",
        "the original message headers are included", "--- original message ---", "------ original message",
        "-------original message-------", "-------original message\n", "returned mail follows", "unsent message below",
    ]

    /// `originalMarkers` searched together.
    static let originalMarkerIndex = PhraseIndex(originalMarkers)

    /// Splits `text` at the first line that begins the returned original: the report before it, and
    /// the rest (the original) after that line.
    static func split(_ text: Substring, searchable: SearchText, extraEnds: [Phrase]) -> (report: Substring, rest: Substring?) {
        var cut = originalMarkerIndex.earliestMatch(in: searchable)?.offset
        for marker in extraEnds {
            if let offset = searchable.firstOffset(of: marker, from: 0), offset < cut ?? Int.max { cut = offset }
        }
        // A header section standing alone at the start of a line ("Received: from", "Return-Path:")
        // is the original even where no marker announces it.
        let bytes = searchable.bytes
        var lineStart = 0
        let limit = min(cut ?? bytes.count, bytes.count)
        while lineStart < limit {
            if lineStart > 0, bytes[lineStart - 1] == 0x0A, lineStart >= 2, bytes[lineStart - 2] == 0x0A || (lineStart >= 3 && bytes[lineStart - 2] == 0x0D && bytes[lineStart - 3] == 0x0A),
               startsWith(bytes, at: lineStart, "return-path:") || startsWith(bytes, at: lineStart, "received: from ") {
                cut = lineStart
                break
            }
            guard let next = bytes[lineStart..<limit].firstIndex(of: 0x0A) else { break }
            lineStart = next + 1
        }
        guard let cut else { return (text, nil) }
        let utf8 = text.utf8
        let markerIndex = utf8.index(utf8.startIndex, offsetBy: cut)
        // Plain ASCII (see `PlainASCII`) by bytes, with the same bounds.
        let (lineBegin, lineEnd) = PlainASCII.isPlain(text)
            ? line(plain: text, around: markerIndex) : line(characters: text, around: markerIndex)
        let isHeaderLine = startsWith(bytes, at: cut, "return-path:") || startsWith(bytes, at: cut, "received: from ")
        return (text[..<lineBegin], isHeaderLine ? text[lineBegin...] : text[lineEnd...])
    }

    /// Where the line holding `index` begins (after the line break before it) and where the next
    /// one begins (after the line break at or after it), by Characters, for any text.
    static func line(characters text: Substring, around index: Substring.Index) -> (begin: Substring.Index, end: Substring.Index) {
        (text[..<index].lastIndex(of: "\n").map { text.index(after: $0) } ?? text.startIndex,
         text[index...].firstIndex(of: "\n").map { text.index(after: $0) } ?? text.endIndex)
    }

    /// `line(characters:around:)` of plain ASCII: each Character is a byte, "\n" the byte 0x0A.
    static func line(plain text: Substring, around index: Substring.Index) -> (begin: Substring.Index, end: Substring.Index) {
        let utf8 = text.utf8
        return (utf8[..<index].lastIndex(of: 0x0A).map { utf8.index(after: $0) } ?? text.startIndex,
                utf8[index...].firstIndex(of: 0x0A).map { utf8.index(after: $0) } ?? text.endIndex)
    }

    private static func startsWith(_ bytes: [UInt8], at offset: Int, _ phrase: StaticString) -> Bool {
        phrase.withUTF8Buffer { buffer in
            guard offset + buffer.count <= bytes.count else { return false }
            for index in 0..<buffer.count where bytes[offset + index] != buffer[index] { return false }
            return true
        }
    }
}
