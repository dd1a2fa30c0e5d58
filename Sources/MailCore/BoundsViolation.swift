/// Which of `MessageBounds`' limits a message exceeds, by how much, in a sentence a support person
/// can read: the message is then kept unparsed rather than handed to libetpan.
public struct BoundsViolation: Error, Sendable, Equatable, CustomStringConvertible {
    /// The limit exceeded (see `MessageBounds` for each value and why it was chosen).
    public enum Limit: String, Sendable, CaseIterable {
        /// Total size in bytes.
        case size
        /// Longest line in bytes (RFC 5322 §2.1.1 allows 998).
        case lineLength
        /// Deepest nesting of comments in a header field (RFC 5322 §3.2.2).
        case commentDepth
        /// Content-Type fields naming a multipart/* or message/* type (RFC 2046 §5).
        case containers
        /// Containers times size: the bytes libetpan's boundary searches may scan.
        case containerWork
        /// Lines starting with "--", an upper bound on multipart delimiters (RFC 2046 §5.1.1).
        case parts
        /// Lines in header sections (RFC 5322 §2.2), all sections together.
        case headerLines
    }

    public let limit: Limit
    /// What the message holds (bytes, depth, count).
    public let found: Int
    /// What is allowed.
    public let allowed: Int

    public init(limit: Limit, found: Int, allowed: Int) {
        self.limit = limit
        self.found = found
        self.allowed = allowed
    }

    public var description: String {
        let found = Self.grouped(self.found), allowed = Self.grouped(self.allowed)
        let what: String
        switch limit {
        case .size:
            what = "the message is \(found) bytes long, more than the \(allowed) allowed"
        case .lineLength:
            what = "the message has a line of \(found) bytes, more than the \(allowed) allowed"
        case .commentDepth:
            what = "a header field nests \(found) comments in parentheses, more than the \(allowed) allowed"
        case .containers:
            what = "the message nests \(found) MIME multiparts or messages, more than the \(allowed) allowed"
        case .containerWork:
            what = "the message nests \(found) MIME multiparts or messages, more than the \(allowed) a message of its size may hold"
        case .parts:
            what = "the message has \(found) MIME part boundaries, more than the \(allowed) allowed"
        case .headerLines:
            what = "the message has \(found) header lines, more than the \(allowed) allowed"
        }
        return what.prefix(1).uppercased() + what.dropFirst() + ": kept unparsed."
    }

    /// 30000 as "30,000".
    static func grouped(_ value: Int) -> String {
        let digits = Array(String(value))
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0, digit != "-" { result.append(",") }
            result.append(digit)
        }
        return result
    }
}
