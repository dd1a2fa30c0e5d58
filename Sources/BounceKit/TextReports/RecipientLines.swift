/// Finds recipient addresses in the lines of a plain-text bounce, in the forms MTAs write them:
/// `<a@b>:` (qmail, Postfix), `a@b:` and indented `  a@b` (Exim, OpenSMTPD), `RCPT TO:<a@b>`,
/// `rfc822;a@b`, `Recipient: <a@b>`, `"Name" <a@b>`, `a@b<mailto:a@b>` (Microsoft) and
/// `>>> a@b <a@b>` (Sendmail-like). RFC 5321 §4.1.2 (Path, Mailbox), RFC 5322 §3.4.
public enum RecipientLines {
    /// The address a line begins with, after any bullet, label or display name, and the rest of
    /// the line after it; nil when the line does not begin with an address.
    public static func leadingAddress(in line: Substring, afterReplyCode: Bool = false) -> (address: String, rest: Substring)? {
        var text = line.drop(while: { $0 == " " || $0 == "\t" || $0 == ">" || $0 == "*" || $0 == "-" || $0 == "•" })
        text = dropLabel(text)
        if afterReplyCode, text.count > 4, text.prefix(3).allSatisfy(\.isNumber), text.dropFirst(3).first == " " || text.dropFirst(3).first == "-" {
            // Sendmail's transcript: `554 <a@b>... Remote protocol error`
            text = text.dropFirst(4).drop(while: { $0 == " " })
        }
        if text.first == "\"", let close = text.dropFirst().firstIndex(of: "\""),
           let open = text[close...].firstIndex(of: "<") {
            // "Display Name" <a@b>
            let between = text[text.index(after: close)..<open]
            if between.allSatisfy({ $0 == " " || $0 == "\t" }) { text = text[open...] }
        }
        let token: Substring
        let rest: Substring
        if text.first == "<" {
            guard let close = text.firstIndex(of: ">") else { return nil }
            token = text[text.index(after: text.startIndex)..<close]
            rest = text[text.index(after: close)...]
        } else {
            let end = text.firstIndex(where: { $0 == " " || $0 == "\t" || $0 == "<" || $0 == "(" || $0 == "," || $0 == ";" || $0 == "\r" }) ?? text.endIndex
            token = text[..<end]
            rest = text[end...]
        }
        guard let address = validated(token) else { return nil }
        return (address, rest)
    }

    /// Labels that may stand before a recipient's address at the start of a line.
    private static let labels: [String] = [
        "rcpt to:", "recipient address:", "recipient:", "original-recipient:", "final-recipient:",
        "failed recipient:", "address:", "rfc822;", "<<< ", "to:<",
    ]

    private static func dropLabel(_ text: Substring) -> Substring {
        var text = text
        for _ in 0..<3 {
            guard let label = labels.first(where: { hasPrefixIgnoringCase(text, $0) }) else { break }
            text = text.dropFirst(label.hasSuffix("<") ? label.count - 1 : label.count)
            text = text.drop(while: { $0 == " " || $0 == "\t" })
            if hasPrefixIgnoringCase(text, "rfc822;") { text = text.dropFirst(7).drop(while: { $0 == " " }) }
        }
        return text
    }

    static func hasPrefixIgnoringCase(_ text: Substring, _ prefix: String) -> Bool {
        var index = text.utf8.startIndex
        for byte in prefix.utf8 {
            guard index != text.utf8.endIndex else { return false }
            let own = text.utf8[index]
            guard own == byte || (own &- 0x41 < 26 && own | 0x20 == byte) else { return false }
            index = text.utf8.index(after: index)
        }
        return true
    }

    /// Every address standing anywhere in `line`, in order: `<a@b>`, bare `a@b`, `mailto:a@b`.
    public static func addresses(in line: Substring) -> [String] {
        let bytes = Array(line.utf8)
        var found: [String] = []
        var index = 0
        while index < bytes.count {
            guard bytes[index] == 0x40 else { index += 1; continue } // @
            var start = index
            while start > 0, isLocalByte(bytes[start - 1]) { start -= 1 }
            var end = index + 1
            while end < bytes.count, isDomainByte(bytes[end]) { end += 1 }
            if start < index, end > index + 1,
               let address = validated(Substring(String(decoding: bytes[start..<end], as: UTF8.self))) {
                found.append(address)
            }
            index = end
        }
        return found
    }

    private static func isLocalByte(_ byte: UInt8) -> Bool {
        byte.isASCIIDigit || byte.isASCIILetter || byte >= 0x80 || "!#$%&'*+-/=?^_`{|}~.\"".utf8.contains(byte)
    }

    private static func isDomainByte(_ byte: UInt8) -> Bool {
        byte.isASCIIDigit || byte.isASCIILetter || byte == 0x2D || byte == 0x2E || byte == 0x5F
    }

    /// `token` as a recipient address (quotes around the local part and a source route dropped,
    /// the domain lowercased, trailing punctuation removed), or nil when it is not one.
    static func validated(_ token: Substring) -> String? {
        var text = token
        if text.hasPrefix("@"), let colon = text.firstIndex(of: ":") { text = text[text.index(after: colon)...] } // @relay:a@b
        if hasPrefixIgnoringCase(text, "mailto:") { text = text.dropFirst(7) }
        while let last = text.last, ".,;:>)]'".contains(last) { text.removeLast() }
        while let first = text.first, "<([".contains(first) { text.removeFirst() }
        if text.count > 2, text.first == "\"", text.last == "\"" { text = text.dropFirst().dropLast() } // "a@b"
        guard let at = text.lastIndex(of: "@"), at != text.startIndex else { return nil }
        var local = text[..<at]
        let domain = text[text.index(after: at)...]
        if local.contains("\"") { local = Substring(local.filter { $0 != "\"" }) }
        guard !local.isEmpty, local.count <= 128, local.utf8.allSatisfy(isLocalByte),
              domain.count >= 3, domain.count <= 255, domain.contains("."), domain.first != ".", domain.last != ".",
              !domain.contains(".."),
              domain.utf8.allSatisfy({ isDomainByte($0) }) else { return nil }
        return "\(local)@\(domain.lowercased())"
    }

    /// Local parts that name mail software, not a person: never a bounce's recipient.
    static func isDaemon(_ address: String) -> Bool {
        let local = address.prefix(while: { $0 != "@" }).lowercased()
        return local == "mailer-daemon" || local == "mailer_daemon" || local == "mail-daemon" || local == "mailerdaemon"
            || local == "no-reply" || local == "noreply"
    }

    static func isPostmaster(_ address: String) -> Bool {
        address.prefix(while: { $0 != "@" }).lowercased() == "postmaster"
    }
}
