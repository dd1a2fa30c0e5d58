import MailModel

/// An enhanced mail system status code, `class.subject.detail`.
///
///     status-code = class "." subject "." detail                 (RFC 3463 §2)
///     class       = "2" / "4" / "5"
///     subject     = 1*3digit
///     detail      = 1*3digit
public struct StatusCode: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let `class`: Int
    public let subject: Int
    public let detail: Int

    public init?(class klass: Int, subject: Int, detail: Int) {
        guard [2, 4, 5].contains(klass), (0...999).contains(subject), (0...999).contains(detail) else { return nil }
        self.class = klass
        self.subject = subject
        self.detail = detail
    }

    /// Parses text that is exactly a status code, allowing surrounding white space.
    public init?(_ text: some StringProtocol) {
        let trimmed = String(text).trimmingWhitespace()
        guard let (code, end) = StatusCode.scan(Array(trimmed.utf8), from: 0), end == trimmed.utf8.count else { return nil }
        self = code
    }

    /// `x.0.0`: says only success, transient or permanent (Exim and others write `5.0.0`).
    public var isGeneric: Bool { subject == 0 && detail == 0 }

    /// Transient failure (4.x.x), RFC 3463 §3.1.
    public var isTransient: Bool { self.class == 4 }
    /// Permanent failure (5.x.x).
    public var isPermanent: Bool { self.class == 5 }

    public var description: String { "\(self.class).\(subject).\(detail)" }

    public static func < (lhs: StatusCode, rhs: StatusCode) -> Bool {
        (lhs.class, lhs.subject, lhs.detail) < (rhs.class, rhs.subject, rhs.detail)
    }

    /// The same subject and detail under another class (a `5.x.x` said with a `4` reply, say).
    public func withClass(_ klass: Int) -> StatusCode? {
        StatusCode(class: klass, subject: subject, detail: detail)
    }

    /// Every status code standing alone as a word in `text`, in order of appearance.
    public static func all(in text: some StringProtocol) -> [StatusCode] {
        let bytes = Array(text.utf8)
        var found: [StatusCode] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x32 || byte == 0x34 || byte == 0x35, index == 0 || !bytes[index - 1].isCodeNeighbour,
               let (code, end) = scan(bytes, from: index), end == bytes.count || !bytes[end].isCodeNeighbour {
                found.append(code)
                index = end
            } else {
                index += 1
            }
        }
        return found
    }

    /// The first status code standing alone in `text`.
    public static func first(in text: some StringProtocol) -> StatusCode? {
        all(in: text).first
    }

    /// Reads `class.subject.detail` at `start`; returns the code and the index after it.
    static func scan(_ bytes: [UInt8], from start: Int) -> (StatusCode, Int)? {
        var index = start
        func number(maxDigits: Int) -> Int? {
            var value = 0
            var digits = 0
            while index < bytes.count, bytes[index].isASCIIDigit, digits < maxDigits + 1 {
                value = value * 10 + Int(bytes[index] - 0x30)
                digits += 1
                index += 1
            }
            return digits >= 1 && digits <= maxDigits ? value : nil
        }
        guard let klass = number(maxDigits: 1), index < bytes.count, bytes[index] == 0x2E else { return nil }
        index += 1
        guard let subject = number(maxDigits: 3), index < bytes.count, bytes[index] == 0x2E else { return nil }
        index += 1
        guard let detail = number(maxDigits: 3), let code = StatusCode(class: klass, subject: subject, detail: detail) else { return nil }
        return (code, index)
    }
}

extension UInt8 {
    var isASCIIDigit: Bool { self >= 0x30 && self <= 0x39 }
    var isASCIILetter: Bool { (self >= 0x41 && self <= 0x5A) || (self >= 0x61 && self <= 0x7A) }
    /// Characters that, touching a code, make it part of a longer token (an IP address, a version).
    var isCodeNeighbour: Bool { isASCIIDigit || self == 0x2E || isASCIILetter || self == 0x5F }
}
