@testable import BounceKit
import TestSupport
import Testing

/// `RecipientLines.validated` cuts a token's decoration by moving the ends of its byte range; it
/// must accept and give what the reading by array edits it replaced accepts and gives (kept here
/// whole, the address-type prefixes included, so the two share no code).
@Suite("Recipient validation")
struct RecipientValidationTests {
    /// The reading `validated` replaced: each step edits a copy of the bytes.
    static func byArrayEdits(_ token: Substring) -> String? {
        var bytes = Array(token.utf8)
        if bytes.first == 0x40, let colon = bytes.firstIndex(of: 0x3A) { bytes.removeSubrange(...colon) }
        if bytes.count > 7, bytes[0] | 0x20 == 0x6D, String(decoding: bytes[..<7], as: UTF8.self).lowercased() == "mailto:" {
            bytes.removeFirst(7)
        }
        let trailing: Set<UInt8> = [0x2E, 0x2C, 0x3B, 0x3A, 0x3E, 0x29, 0x5D, 0x27]
        while let last = bytes.last, trailing.contains(last) { bytes.removeLast() }
        while let first = bytes.first, first == 0x3C || first == 0x28 || first == 0x5B || first == 0x27 || first == 0x60 {
            bytes.removeFirst()
        }
        if bytes.count > 2, bytes.first == 0x22, bytes.last == 0x22 { bytes = Array(bytes.dropFirst().dropLast()) }
        for prefix in ["smtp=", "smtp:", "rfc822;"] {  // the type prefixes, as droppingTypePrefix read them
            let count = prefix.utf8.count
            guard bytes.count > count + 2 else { continue }
            guard bytes.prefix(count).map({ $0 &- 0x41 < 26 ? $0 | 0x20 : $0 }).elementsEqual(prefix.utf8) else { continue }
            let rest = bytes.dropFirst(count).drop(while: { $0 == 0x20 })
            if rest.contains(0x40) { bytes = Array(rest) }
            break
        }
        guard let at = bytes.lastIndex(of: 0x40), at > 0 else { return nil }
        let local = bytes[..<at].filter { $0 != 0x22 }
        let domain = bytes[(at + 1)...]
        func isLocalByte(_ byte: UInt8) -> Bool {
            byte.isASCIIDigit || byte.isASCIILetter || byte >= 0x80 || "!#$%&'*+-/=?^_`{|}~.\"".utf8.contains(byte)
        }
        func isDomainByte(_ byte: UInt8) -> Bool {
            byte.isASCIIDigit || byte.isASCIILetter || byte == 0x2D || byte == 0x2E || byte == 0x5F
        }
        guard !local.isEmpty, local.count <= 128, local.allSatisfy(isLocalByte), !local.contains(0x40),
              domain.count >= 3, domain.count <= 255, domain.contains(0x2E), domain.first != 0x2E, domain.last != 0x2E,
              domain.allSatisfy(isDomainByte) else { return nil }
        var previous: UInt8 = 0
        for byte in domain {
            if byte == 0x2E, previous == 0x2E { return nil }
            previous = byte
        }
        return String(decoding: local, as: UTF8.self) + "@" + String(decoding: domain.map { $0 &- 0x41 < 26 ? $0 | 0x20 : $0 }, as: UTF8.self)
    }

    @Test func theRangeReadingAcceptsAndGivesWhatTheArrayEditsDid() {
        let slots = [["", "", "@relay:", "mailto:", "MailTo:", "smtp:", "SMTP= ", "rfc822;", "rfc822; "],
                     ["", "", "<", "(", "[", "'", "`", "\"", "<<"],
                     ["user", "User.Name", "\"a b\"", "a\"b", "x-y_z!", "\u{E9}t\u{E9}", "", "a@b", ".", String(repeating: "a", count: 129)],
                     ["@", "@", "@", "", "@@"],
                     ["Host.Example", "b.test", "host", "a..b", ".b.test", "b.test.", "h_s.t-t", "b!.test", "bc"],
                     ["", "", ">", ")", "]", "'", "\"", ".", ",", ";", ":", ">.", " x"]]
        var sequence = FixedSequence(seed: 18)
        var addresses = 0
        for _ in 0..<8000 {
            let token = Substring(slots.map { $0[sequence.next() % $0.count] }.joined())
            let expected = Self.byArrayEdits(token)
            #expect(RecipientLines.validated(token) == expected, "\(token.debugDescription)")
            if expected != nil { addresses += 1 }
        }
        #expect(addresses > 300)
        let long = Substring(String(repeating: "a", count: 128) + "@b.test")
        #expect(RecipientLines.validated(long) != nil && RecipientLines.validated("a" + long) == nil)
    }
}
