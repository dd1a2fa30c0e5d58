import MailModel

/// Finds recipient addresses in the lines of a plain-text bounce, in the forms MTAs write them:
/// `<a@b>:` (qmail, Postfix), `a@b:` and indented `  a@b` (Exim, OpenSMTPD), `RCPT TO:<a@b>`,
/// `rfc822;a@b`, `Recipient: <a@b>`, `"Name" <a@b>`, `a@b<mailto:a@b>` (Microsoft) and
/// `>>> a@b <a@b>` (Sendmail-like). RFC 5321 §4.1.2 (Path, Mailbox), RFC 5322 §3.4.
public enum RecipientLines {
    /// The address a line begins with, after any bullet, label or display name, and the rest of
    /// the line after it; nil when the line does not begin with an address.
    public static func leadingAddress(in line: Substring, afterReplyCode: Bool = false) -> (address: String, rest: Substring)? {
        // Plain ASCII (see `PlainASCII`) by bytes, with the same result.
        if PlainASCII.isPlain(line) { return leadingAddress(plain: line, afterReplyCode: afterReplyCode) }
        return leadingAddress(characters: line, afterReplyCode: afterReplyCode)
    }

    /// `leadingAddress(in:afterReplyCode:)` of plain ASCII, on its UTF-8 view: each Character
    /// there is one byte.
    static func leadingAddress(plain line: Substring, afterReplyCode: Bool) -> (address: String, rest: Substring)? {
        func first(_ text: Substring, where predicate: (UInt8) -> Bool) -> Substring.Index? {
            text.utf8.firstIndex(where: predicate)
        }
        func dropping(_ text: Substring, while predicate: (UInt8) -> Bool) -> Substring {
            text[(first(text) { !predicate($0) } ?? text.endIndex)...]
        }
        func after(_ index: Substring.Index, in text: Substring) -> Substring.Index { text.utf8.index(after: index) }
        var text = dropping(line) { $0 == 0x20 || $0 == 0x09 || $0 == 0x3E || $0 == 0x2A || $0 == 0x2D }
        text = dropLabel(text)
        if afterReplyCode, text.utf8.count > 4, text.utf8.prefix(3).allSatisfy(\.isASCIIDigit),
           case let fourth = text.utf8[text.utf8.index(text.startIndex, offsetBy: 3)], fourth == 0x20 || fourth == 0x2D {
            // Sendmail's transcript: `554 <a@b>... Remote protocol error`
            text = dropping(text[text.utf8.index(text.startIndex, offsetBy: 4)...]) { $0 == 0x20 }
        }
        if text.utf8.first == 0x22, let close = first(text[after(text.startIndex, in: text)...], where: { $0 == 0x22 }),
           let open = first(text[close...], where: { $0 == 0x3C }) {
            // "Display Name" <a@b>
            if text[after(close, in: text)..<open].utf8.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { text = text[open...] }
        }
        let token: Substring
        let rest: Substring
        if text.utf8.first == 0x3C {
            guard let close = first(text, where: { $0 == 0x3E }) else { return nil }
            token = text[after(text.startIndex, in: text)..<close]
            rest = text[after(close, in: text)...]
        } else {
            let end = first(text) { $0 == 0x20 || $0 == 0x09 || $0 == 0x3C || $0 == 0x28 || $0 == 0x2C || $0 == 0x3B } ?? text.endIndex
            let following = dropping(text[end...]) { $0 == 0x20 || $0 == 0x09 }
            if following.utf8.first == 0x3C, text[..<end].utf8.contains(0x40), let close = first(following, where: { $0 == 0x3E }),
               validated(following[after(following.startIndex, in: following)..<close]) != nil {
                // name-addr whose display name looks like an address: the angle-addr is the address.
                token = following[after(following.startIndex, in: following)..<close]
                rest = following[after(close, in: following)...]
            } else {
                token = text[..<end]
                rest = text[end...]
            }
        }
        guard rest.utf8.first != 0x29, let address = validated(token) else { return nil }
        return (address, rest)
    }

    /// `leadingAddress(in:afterReplyCode:)` by Characters, for any text.
    static func leadingAddress(characters line: Substring, afterReplyCode: Bool) -> (address: String, rest: Substring)? {
        var text = line.drop(while: { $0 == " " || $0 == "\t" || $0 == ">" || $0 == "*" || $0 == "-" || $0 == "•" })
        text = dropLabel(text)
        if afterReplyCode, !text.dropFirst(4).isEmpty, text.prefix(3).allSatisfy(\.isNumber), text.dropFirst(3).first == " " || text.dropFirst(3).first == "-" {
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
            let after = text[end...].drop(while: { $0 == " " || $0 == "\t" })
            if after.first == "<", text[..<end].contains("@"), let close = after.firstIndex(of: ">"),
               validated(after[after.index(after: after.startIndex)..<close]) != nil {
                // name-addr whose display name looks like an address (`a@b <c@d>`): the angle-addr
                // is the address. RFC 5322 §3.4.
                token = after[after.index(after: after.startIndex)..<close]
                rest = after[after.index(after: close)...]
            } else {
                token = text[..<end]
                rest = text[end...]
            }
        }
        // `<alias@b>): …` closes Postfix's "(expanded from <alias@b>)": not a recipient of its own.
        guard rest.first != ")", let address = validated(token) else { return nil }
        return (address, rest)
    }

    /// Whether `line` is a quote's attribution (`"Name" <a@b> wrote:`): it names the author of
    /// quoted text, never a recipient the report is about.
    /// A line of quoted text (`> …`, RFC 3676 §4.5), not a transcript's `>>> ` command line.
    static func isQuoted(_ line: Substring) -> Bool {
        var bytes = line.utf8.makeIterator()
        guard bytes.next() == UInt8(ascii: ">") else { return false }
        return bytes.next() != UInt8(ascii: ">")
    }

    static func isAttribution(_ line: Substring) -> Bool {
        var end = line.utf8.endIndex
        while end > line.utf8.startIndex, case let byte = line.utf8[line.utf8.index(before: end)], byte == 0x20 || byte == 0x09 {
            end = line.utf8.index(before: end)
        }
        let trimmed = line.utf8[..<end]
        return trimmed.elementsEqual("wrote:".utf8, suffix: true) || trimmed.elementsEqual("writes:".utf8, suffix: true)
    }

    /// The address in `line`'s "(expanded from: a@b)" or "(expanded from <a@b>)": the alias the
    /// sender addressed, which the reporting MTA expanded (Sendmail, Postfix). Nil where none is
    /// written or it is a bare local part or host. Exim's "(generated from a@b)" under a named
    /// address is left alone: the main corpus (Sisimai's convention) expects the address Exim
    /// names; under "an undisclosed address" the alias is the only address, found as a mention.
    static func expandedFrom(in line: Substring) -> String? {
        let phrase: Phrase = "expanded from"
        guard let offset = SearchText(bytes: line.utf8Bytes).firstOffset(of: phrase, from: 0) else { return nil }
        let start = line.utf8.index(line.utf8.startIndex, offsetBy: offset + phrase.count)
        let after = line[start...].drop(while: { $0 == ":" || $0 == " " || $0 == "\t" })
        let token = after.prefix(while: { $0 != ")" && $0 != " " && $0 != "\t" && $0 != "," })
        return validated(token)
    }

    /// Labels that may stand before a recipient's address at the start of a line.
    private static let labels: [String] = [
        "rcpt to:", "recipient address:", "recipient:", "final-recipient:",
        "failed recipient:", "address:", "rfc822;", "<<< ", "to:<",
    ]

    /// A label of a few words naming the recipient (`Intended recipient:`, `Unknown recipient
    /// address:`), up to and including its colon: its last word is "recipient(s)", "address" or
    /// "addressee", and no word names the sender's side.
    static func recipientLabel(in text: Substring) -> Substring? {
        // Where the first 41 bytes are plain ASCII (see `PlainASCII`), the first 40 characters are
        // the first 40 bytes: the label is read by bytes.
        let head = text.utf8.prefix(41)
        guard head.contains(where: { $0 >= 0x80 || $0 == 0x0D }) else {
            guard let colon = head.prefix(40).firstIndex(of: UInt8(ascii: ":")),
                  isRecipientLabel(plain: text.utf8[..<colon]) else { return nil }
            return text[...colon]
        }
        return recipientLabel(characters: text)
    }

    /// `recipientLabel(in:)` by characters, for any text.
    static func recipientLabel(characters text: Substring) -> Substring? {
        guard let colon = text.prefix(40).firstIndex(of: ":") else { return nil }
        let label = text[..<colon].lowercased()
        let words = label.split(separator: " ")
        guard (1...4).contains(words.count), label.allSatisfy({ $0.isLetter || $0 == " " || $0 == "-" }),
              let last = words.last, labelLastWords.contains(String(last)),
              !words.contains(where: { labelSenderWords.contains(String($0)) })
        else { return nil }
        return text[...colon]
    }

    /// The words before a recipient label's colon, by bytes: plain ASCII, where ASCII letters are
    /// the letters and ASCII lowercasing is what `lowercased()` does.
    private static func isRecipientLabel(plain label: Substring.UTF8View.SubSequence) -> Bool {
        var words: [[UInt8]] = []
        var word: [UInt8] = []
        for byte in label {
            let lower = PlainASCII.lowercased(byte)
            if lower == 0x20 {
                if !word.isEmpty { words.append(word) }
                word = []
            } else if lower &- 0x61 < 26 || lower == UInt8(ascii: "-") {
                word.append(lower)
            } else {
                return false
            }
        }
        if !word.isEmpty { words.append(word) }
        guard (1...4).contains(words.count), let last = words.last,
              labelLastWords.contains(where: { $0.utf8.elementsEqual(last) }) else { return false }
        return !words.contains { word in labelSenderWords.contains { $0.utf8.elementsEqual(word) } }
    }

    /// The last word of a recipient label.
    private static let labelLastWords = ["recipient", "recipients", "address", "addressee"]
    /// Words that make a label the sender's side, not the recipient's.
    private static let labelSenderWords = ["sender", "from", "reply", "return", "your", "my"]

    private static func dropLabel(_ text: Substring) -> Substring {
        var text = text
        for _ in 0..<3 {
            if let label = recipientLabel(in: text), !labels.contains(where: { hasPrefixIgnoringCase(text, $0) }) {
                text = text.dropFirst(label.count).drop(while: { $0 == " " || $0 == "\t" })
                continue
            }
            guard let label = labels.first(where: { hasPrefixIgnoringCase(text, $0) }) else { break }
            text = text.dropFirst(label.hasSuffix("<") ? label.count - 1 : label.count)
            text = text.drop(while: { $0 == " " || $0 == "\t" })
            if hasPrefixIgnoringCase(text, "rfc822;") { text = text.dropFirst(7).drop(while: { $0 == " " }) }
        }
        return text
    }

    static func hasPrefixIgnoringCase(_ text: Substring, _ prefix: String) -> Bool {
        hasPrefixIgnoringCase(text.utf8, prefix)
    }

    /// Whether `bytes` begin with the lowercase `prefix`, ASCII letters in any case.
    static func hasPrefixIgnoringCase<Bytes: Collection<UInt8>>(_ bytes: Bytes, _ prefix: String) -> Bool {
        var index = bytes.startIndex
        for byte in prefix.utf8 {
            guard index != bytes.endIndex else { return false }
            let own = bytes[index]
            guard own == byte || PlainASCII.lowercased(own) == byte else { return false }
            bytes.formIndex(after: &index)
        }
        return true
    }

    /// Every address standing anywhere in `line`, in order: `<a@b>`, bare `a@b`, `mailto:a@b`.
    public static func addresses(in line: Substring) -> [String] {
        addresses(in: line, skippingSenders: false)
    }

    /// The addresses in `line` (see `addresses(in:)`); with `skippingSenders`, not those the
    /// line introduces as a sender: after "from" (`mail from a@b`, `MAIL FROM:<a@b>`, RFC 5321
    /// §4.1.1.2), though not after "expanded from" or "generated from", which name the recipient's
    /// alias.
    static func addresses(in line: Substring, skippingSenders: Bool) -> [String] {
        let bytes = line.utf8Bytes
        var found: [String] = []
        var index = 0
        while index < bytes.count {
            guard bytes[index] == 0x40 else { index += 1; continue } // @
            var start = index
            while start > 0, isLocalByte(bytes[start - 1]) { start -= 1 }
            var end = index + 1
            while end < bytes.count, isDomainByte(bytes[end]) { end += 1 }
            if start < index, end > index + 1, !(skippingSenders && isSender(bytes[..<start])),
               let address = validated(Substring(String(decoding: bytes[start..<end], as: UTF8.self))) {
                found.append(address)
            }
            index = end
        }
        return found
    }

    /// Whether the text before an address ends in "from" (then `:`, `<` or spaces), not "expanded from".
    private static func isSender(_ before: ArraySlice<UInt8>) -> Bool {
        let trimmed = before.reversed().drop(while: { $0 == 0x20 || $0 == 0x09 || $0 == 0x3C || $0 == 0x3A })
        let word = trimmed.prefix(while: { $0.isASCIILetter }).map { $0 | 0x20 }
        guard word.elementsEqual("morf".utf8) else { return false }
        let previous = trimmed.dropFirst(4).drop(while: { $0 == 0x20 }).prefix(while: { $0.isASCIILetter }).map { $0 | 0x20 }
        return !previous.elementsEqual("dednapxe".utf8) && !previous.elementsEqual("detareneg".utf8)
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
        var token = token
        return token.withUTF8(validated(bytes:))
    }

    /// `validated(_:)` of the token's UTF-8 bytes: the decoration is cut by moving the ends of
    /// the range, and the address written once.
    static func validated(bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var start = 0
        var end = bytes.count
        if end > 0, bytes[0] == 0x40, let colon = bytes.firstIndex(of: 0x3A) { start = colon + 1 } // @relay:a@b
        if end - start > 7, hasPrefixIgnoringCase(bytes[start..<end], "mailto:") {
            start += 7
        }
        while end > start, isTrailing(bytes[end - 1]) { end -= 1 }
        // < ( [ and a stray opening quote ('a@b' as Exim and Sendmail quote addresses; the closing
        // one went with the trailing punctuation): a local part opening with ' or ` is legal but
        // not met in practice, a quoted address is.
        while start < end, case let first = bytes[start], first == 0x3C || first == 0x28 || first == 0x5B || first == 0x27 || first == 0x60 {
            start += 1
        }
        if end - start > 2, bytes[start] == 0x22, bytes[end - 1] == 0x22 { start += 1; end -= 1 } // "a@b"
        start += Address.typePrefixLength(UnsafeBufferPointer(rebasing: bytes[start..<end]))
        guard let at = bytes[start..<end].lastIndex(of: 0x40), at > start else { return nil }
        // Quotes around (part of) the local part are dropped.
        var localCount = 0
        for byte in bytes[start..<at] where byte != 0x22 {
            guard isLocalByte(byte), byte != 0x40 else { return nil }
            localCount += 1
        }
        let domain = UnsafeBufferPointer(rebasing: bytes[(at + 1)..<end])
        guard localCount > 0, localCount <= 128,
              domain.count >= 3, domain.count <= 255, domain.contains(0x2E), domain.first != 0x2E, domain.last != 0x2E,
              domain.allSatisfy(isDomainByte) else { return nil }
        var previous: UInt8 = 0
        for byte in domain {
            if byte == 0x2E, previous == 0x2E { return nil } // ".."
            previous = byte
        }
        let address = [UInt8](unsafeUninitializedCapacity: localCount + 1 + domain.count) { buffer, written in
            written = 0
            for byte in bytes[start..<at] where byte != 0x22 {
                buffer[written] = byte
                written += 1
            }
            buffer[written] = 0x40
            written += 1
            for byte in domain {
                buffer[written] = PlainASCII.lowercased(byte)
                written += 1
            }
        }
        return String(decoding: address, as: UTF8.self)
    }

    /// Punctuation that ends a sentence or a field rather than an address: . , ; : > ) ] '
    private static func isTrailing(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x2E, 0x2C, 0x3B, 0x3A, 0x3E, 0x29, 0x5D, 0x27: return true
        default: return false
        }
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

extension Substring.UTF8View {
    /// Whether the view ends with `suffix`.
    fileprivate func elementsEqual(_ suffix: String.UTF8View, suffix _: Bool) -> Bool {
        count >= suffix.count && self.suffix(suffix.count).elementsEqual(suffix)
    }
}
