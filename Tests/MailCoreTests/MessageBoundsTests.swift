import MailCore
import Testing

/// Each limit of `MessageBounds`: a message at the limit passes, one past it is reported with
/// the right limit and a cause that names both numbers.
@Suite("MessageBounds")
struct MessageBoundsTests {
    static let head = "Message-ID: <b@example.com>\nSubject: bounds\n"

    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    static func comments(_ depth: Int, field: String = "From") -> [UInt8] {
        bytes(head + "\(field): " + String(repeating: "(", count: depth) + "a@example.com"
            + String(repeating: ")", count: depth) + "\n\nbody\n")
    }

    /// `count` nested multiparts, each with its own boundary.
    static func nested(_ count: Int) -> [UInt8] {
        var text = head
        for level in 0..<count { text += "Content-Type: multipart/mixed; boundary=b\(level)\n\n--b\(level)\n" }
        text += "Content-Type: text/plain\n\ncore\n"
        for level in (0..<count).reversed() { text += "--b\(level)--\n" }
        return bytes(text)
    }

    /// One multipart with `count` delimiter lines (the last one closes it).
    static func flat(_ count: Int) -> [UInt8] {
        var text = head + "Content-Type: multipart/mixed; boundary=f\n\n"
        for index in 0..<(count - 1) { text += "--f\n\npart \(index)\n" }
        return bytes(text + "--f--\n")
    }

    @Test func ordinaryMessagePasses() {
        #expect(MessageBounds.violation(in: Self.nested(3)) == nil)
        #expect(MessageBounds.violation(in: []) == nil)
    }

    @Test func commentDepth() {
        let limit = MessageBounds.maximumCommentDepth
        #expect(MessageBounds.violation(in: Self.comments(limit)) == nil)
        let violation = MessageBounds.violation(in: Self.comments(limit + 1))
        #expect(violation == BoundsViolation(limit: .commentDepth, found: limit + 1, allowed: limit))
        #expect(violation?.description == "A header field nests 65 comments in parentheses, more than the 64 allowed: kept unparsed.")
    }

    @Test func commentsInQuotedStringsAndQuotedPairsDoNotCount() {
        let quoted = Self.bytes(Self.head + "From: \"" + String(repeating: "(", count: 100) + "\" <a@example.com>\n\nbody\n")
        #expect(MessageBounds.violation(in: quoted) == nil)
        let escaped = Self.bytes(Self.head + "From: a@example.com (" + String(repeating: "\\(", count: 100) + ")\n\nbody\n")
        #expect(MessageBounds.violation(in: escaped) == nil)
    }

    /// The scan skips eight bytes at a time while none opens a comment or a quoted string: a
    /// comment or quote that starts at any offset within or across those eight bytes counts the same.
    @Test func commentsAndQuotesAreFoundAtEveryOffset() {
        let deep = String(repeating: "(", count: 65) + String(repeating: ")", count: 65)
        for offset in 0..<20 {
            let padding = String(repeating: "a", count: offset)
            let comment = Self.bytes(Self.head + "From: " + padding + deep + " a@example.com\n\nbody\n")
            #expect(MessageBounds.violation(in: comment)?.limit == .commentDepth, "offset \(offset)")
            let quoted = Self.bytes(Self.head + "From: " + padding + "\"" + deep + "\" <a@example.com>\n\nbody\n")
            #expect(MessageBounds.violation(in: quoted) == nil, "offset \(offset)")
            let afterQuote = Self.bytes(Self.head + "From: \"" + padding + "\" " + deep + " <a@example.com>\n\nbody\n")
            #expect(MessageBounds.violation(in: afterQuote)?.limit == .commentDepth, "offset \(offset)")
        }
    }

    @Test func commentDepthCountsAcrossFoldedLinesAndInPartHeaders() {
        let folded = Self.bytes(Self.head + "From: " + String(repeating: "(", count: 40) + "\r\n "
            + String(repeating: "(", count: 40) + "\r\n\r\nbody\r\n")
        #expect(MessageBounds.violation(in: folded)?.limit == .commentDepth)
        let part = Self.bytes(Self.head + "Content-Type: multipart/mixed; boundary=p\n\n--p\nContent-Type: text/plain "
            + String(repeating: "(", count: 70) + "\n\nx\n--p--\n")
        #expect(MessageBounds.violation(in: part) == BoundsViolation(limit: .commentDepth, found: 70, allowed: 64))
    }

    @Test func containers() {
        let limit = MessageBounds.maximumContainers
        #expect(MessageBounds.violation(in: Self.nested(limit)) == nil)
        let violation = MessageBounds.violation(in: Self.nested(limit + 1))
        #expect(violation == BoundsViolation(limit: .containers, found: limit + 1, allowed: limit))
        #expect(violation?.description == "The message nests 257 MIME multiparts or messages, more than the 256 allowed: kept unparsed.")
    }

    @Test func containersAreCountedWhateverTheSpellingAndFolding() {
        let rfc822 = Self.bytes(Self.head + String(repeating: "CONTENT-TYPE :\n\tMessage/RFC822\n\n", count: 300) + "x\n")
        #expect(MessageBounds.violation(in: rfc822)?.limit == .containers)
    }

    @Test func containerWork() {
        // 8 MiB in lines of 64 KiB: 32 containers is exactly the work allowed, 33 is more.
        func message(containers: Int) -> [UInt8] {
            var bytes = Self.bytes(Self.head + String(repeating: "Content-Type: message/rfc822\n\n", count: containers))
            let line = [UInt8](repeating: UInt8(ascii: "x"), count: (64 << 10) - 1) + [0x0A]
            while bytes.count + line.count <= 8 << 20 { bytes += line }
            return bytes + [UInt8](repeating: UInt8(ascii: "y"), count: (8 << 20) - bytes.count)
        }
        #expect(MessageBounds.violation(in: message(containers: 32)) == nil)
        let violation = MessageBounds.violation(in: message(containers: 33))
        #expect(violation == BoundsViolation(limit: .containerWork, found: 33, allowed: 32))
    }

    @Test func parts() {
        let limit = MessageBounds.maximumParts
        #expect(MessageBounds.violation(in: Self.flat(limit)) == nil)
        #expect(MessageBounds.violation(in: Self.flat(limit + 1)) == BoundsViolation(limit: .parts, found: limit + 1, allowed: limit))
    }

    @Test func headerLines() {
        let limit = MessageBounds.maximumHeaderLines
        func message(lines: Int) -> [UInt8] {
            // Two lines are the head's; the rest split between the message's header and a part's.
            let own = (lines - 2) / 2, part = lines - 2 - own - 1
            return Self.bytes(Self.head + String(repeating: "X: y\r\n", count: own)
                + "Content-Type: multipart/mixed; boundary=p\r\n\r\n--p\r\n" + String(repeating: "junk\r\n", count: part)
                + "\r\nbody\r\n" + String(repeating: "Body: line\r\n", count: 1000) + "--p--\r\n")
        }
        #expect(MessageBounds.violation(in: message(lines: limit)) == nil)
        let violation = MessageBounds.violation(in: message(lines: limit + 1))
        #expect(violation == BoundsViolation(limit: .headerLines, found: limit + 1, allowed: limit))
        #expect(violation?.description == "The message has 100,001 header lines, more than the 100,000 allowed: kept unparsed.")
    }

    @Test func lineLength() {
        let limit = MessageBounds.maximumLineLength
        func message(line: Int) -> [UInt8] {
            Self.bytes(Self.head + "\n") + [UInt8](repeating: UInt8(ascii: "y"), count: line) + [0x0D]
        }
        #expect(MessageBounds.violation(in: message(line: limit)) == nil)
        #expect(MessageBounds.violation(in: message(line: limit + 1)) == BoundsViolation(limit: .lineLength, found: limit + 1, allowed: limit))
    }

    @Test func size() {
        let limit = MessageBounds.maximumSize
        var bytes = [UInt8](repeating: UInt8(ascii: "z"), count: limit + 1)
        for index in stride(from: 1000, to: bytes.count, by: 1000) { bytes[index] = 0x0A }
        let violation = MessageBounds.violation(in: bytes)
        #expect(violation == BoundsViolation(limit: .size, found: limit + 1, allowed: limit))
        #expect(violation?.description == "The message is 67,108,865 bytes long, more than the 67,108,864 allowed: kept unparsed.")
        bytes.removeLast()
        #expect(MessageBounds.violation(in: bytes) == nil)
    }

    @Test func parseKeepsAViolatingMessageAsOneTextPartWithItsLeadingHeaders() {
        let part = MIMEParser.parse(Self.nested(MessageBounds.maximumContainers + 1))
        #expect(part.headers["message-id"] == "<b@example.com>")
        #expect(part.contentType.mimeType == "text/plain")
        #expect(part.text?.hasPrefix("Message-ID: <b@example.com>") == true)
    }
}
