import MailModel

/// Mail addresses as reports write them: `rfc822; <user@example.com>`, `"Name" <user@host>`,
/// `user@host (comment)`. RFC 3464 §2.3.2 (address-type ";" generic-address), RFC 5322 §3.4.
public enum Address {
    /// The address in a report field: drops the `rfc822;` type, display names, angle brackets,
    /// comments and quotes, and lowercases the domain. Nil when nothing address-like is left.
    public static func fromReportField(_ value: String) -> String? {
        var value = value
        // Plain ASCII (see `PlainASCII`) by bytes: the same type test and the same normalizing.
        if let result = value.withUTF8({ bytes -> String?? in
            guard PlainASCII.isPlain(bytes) else { return .none }
            var start = 0
            if let semicolon = bytes.firstIndex(of: UInt8(ascii: ";")),
               !bytes[..<semicolon].contains(UInt8(ascii: "@")), !bytes[..<semicolon].contains(UInt8(ascii: "<")) {
                start = semicolon + 1
            }
            return .some(normalize(plain: UnsafeBufferPointer(rebasing: bytes[start...])))
        }) {
            return result
        }
        return fromReportField(characters: value)
    }

    /// `fromReportField(_:)` by Characters, for any text.
    static func fromReportField(characters value: String) -> String? {
        var text = Substring(value)
        if let semicolon = text.firstIndex(of: ";") {
            let type = text[..<semicolon].trimmingWhitespace().lowercased()
            if !type.contains("@"), !type.contains("<") {
                text = text[text.index(after: semicolon)...]
            }
        }
        return normalize(String(text))
    }

    /// A bare `local@domain` out of text that holds one address with decoration around it.
    public static func normalize(_ text: String) -> String? {
        var text = text
        // Plain ASCII (most addresses) by bytes, which give the same (see `PlainASCII`).
        if let result = text.withUTF8({ bytes -> String?? in
            PlainASCII.isPlain(bytes) ? .some(normalize(plain: bytes)) : .none
        }) {
            return result
        }
        return normalize(characters: text)
    }

    /// `normalize(_:)` by characters, for any text.
    static func normalize(characters text: String) -> String? {
        var candidate = Substring(text)
        if let open = candidate.lastIndex(of: "<"), let close = candidate[open...].firstIndex(of: ">") {
            candidate = candidate[candidate.index(after: open)..<close]
        } else if let paren = candidate.firstIndex(of: "(") {
            candidate = candidate[..<paren]
        }
        var address = candidate.trimmingWhitespace()
        while let first = address.first, "<\"'[".contains(first) { address.removeFirst() }
        while let last = address.last, ">\"'].,;:".contains(last) { address.removeLast() }
        if address.lowercased().hasPrefix("mailto:") { address.removeFirst(7) }
        address = String(decoding: droppingTypePrefix(Array(address.utf8)[...]), as: UTF8.self)
        if let space = address.firstIndex(where: { $0 == " " || $0 == "\t" }) {
            // "user@host more words": keep the word holding the @.
            let words = address.split(whereSeparator: { $0 == " " || $0 == "\t" })
            address = words.first(where: { $0.contains("@") }).map(String.init) ?? String(address[..<space])
        }
        guard let at = address.lastIndex(of: "@"), at != address.startIndex, address.index(after: at) != address.endIndex else {
            return address.isEmpty ? nil : address
        }
        let local = address[..<at]
        let domain = address[address.index(after: at)...].lowercased()
        return "\(local)@\(domain)"
    }

    /// Address-type prefixes written before an RFC 822 address: X.400's `dda:SMTP=` value
    /// (RFC 2156 §4.2.2 maps an Internet address to the domain-defined attribute of type SMTP, as
    /// Exchange's X.400 connector writes it), Exchange's `SMTP:` proxy-address type, and RFC 3464's
    /// `rfc822;` address type. Lowercase.
    static let typePrefixes: [String] = ["smtp=", "smtp:", "rfc822;"]

    /// The length of the address-type prefix `droppingTypePrefix(_:)` drops from `bytes` (the
    /// prefix and the spaces after it), or 0.
    static func typePrefixLength(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        for prefix in typePrefixes {
            let count = prefix.utf8.count
            guard bytes.count > count + 2 else { continue }
            guard RecipientLines.hasPrefixIgnoringCase(bytes, prefix) else { continue }
            var end = count
            while end < bytes.count, bytes[end] == 0x20 { end += 1 }
            return bytes[end...].contains(0x40) ? end : 0
        }
        return 0
    }

    /// `bytes` without a leading address-type prefix, when an address (something with an `@`)
    /// follows it; else unchanged.
    static func droppingTypePrefix(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        bytes.dropFirst(bytes.withUnsafeBufferPointer(typePrefixLength))
    }

    /// `<id@host>` → `id@host`.
    public static func stripAngles(_ text: String) -> String {
        var value = text.trimmingWhitespace()
        // Plain ASCII (Message-IDs are ASCII, RFC 5322 §3.6.4) by bytes (see `PlainASCII`).
        if let stripped = value.withUTF8({ bytes -> String? in
            guard PlainASCII.isPlain(bytes) else { return nil }
            let start = bytes.first == UInt8(ascii: "<") ? 1 : 0
            let end = bytes[start...].firstIndex(of: UInt8(ascii: ">")) ?? bytes.count
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        }) {
            return stripped
        }
        if value.hasPrefix("<") { value.removeFirst() }
        if let close = value.firstIndex(of: ">") { value = String(value[..<close]) }
        return value
    }

    /// Whether `text` looks like one mail address.
    public static func isAddress(_ text: String) -> Bool {
        guard let at = text.firstIndex(of: "@"), at != text.startIndex else { return false }
        let domain = text[text.index(after: at)...]
        return domain.contains(".") && !text.contains(" ")
    }

    /// `isAddress(_:)` for plain ASCII text (see `PlainASCII`), by bytes.
    static func isAddress(plain text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let at = text.firstIndex(of: UInt8(ascii: "@")), at != 0 else { return false }
        return text[(at + 1)...].contains(UInt8(ascii: ".")) && !text.contains(UInt8(ascii: " "))
    }

    /// Every address in an address-list header (`To`, `Cc`): commas inside quotes, angle brackets
    /// or comments do not split. RFC 5322 §3.4 (address-list).
    public static func list(_ text: String) -> [String] {
        var text = text
        if let addresses = text.withUTF8({ PlainASCII.isPlain($0) ? list(plain: $0) : nil }) { return addresses }
        return list(characters: text)
    }

    /// `list(_:)` by bytes, for plain ASCII text (see `PlainASCII`): every character is one byte.
    static func list(plain text: UnsafeBufferPointer<UInt8>) -> [String] {
        var addresses: [String] = []
        var start = 0
        var quoted = false, angle = 0, comment = 0
        // An address is the bytes between two splitting separators: every other byte is kept.
        func emit(upTo end: Int) {
            guard var address = normalize(plain: UnsafeBufferPointer(rebasing: text[start..<end])) else { return }
            if address.withUTF8({ isAddress(plain: $0) }) { addresses.append(address) }
        }
        for index in text.indices {
            switch text[index] {
            case UInt8(ascii: "\"") where angle == 0 && comment == 0: quoted.toggle()
            case UInt8(ascii: "<") where !quoted: angle += 1
            case UInt8(ascii: ">") where !quoted: angle = max(0, angle - 1)
            case UInt8(ascii: "(") where !quoted: comment += 1
            case UInt8(ascii: ")") where !quoted: comment = max(0, comment - 1)
            case UInt8(ascii: ","), UInt8(ascii: ";"):
                if !quoted, angle == 0, comment == 0 {
                    emit(upTo: index)
                    start = index + 1
                }
            default: break
            }
        }
        emit(upTo: text.count)
        return addresses
    }

    /// `list(_:)` by characters, for any text.
    static func list(characters text: String) -> [String] {
        var addresses: [String] = []
        var current = ""
        var quoted = false, angle = 0, comment = 0
        for character in text {
            switch character {
            case "\"" where angle == 0 && comment == 0: quoted.toggle()
            case "<" where !quoted: angle += 1
            case ">" where !quoted: angle = max(0, angle - 1)
            case "(" where !quoted: comment += 1
            case ")" where !quoted: comment = max(0, comment - 1)
            case ",", ";":
                if !quoted, angle == 0, comment == 0 {
                    if let address = normalize(current), isAddress(address) { addresses.append(address) }
                    current = ""
                    continue
                }
            default: break
            }
            current.append(character)
        }
        if let address = normalize(current), isAddress(address) { addresses.append(address) }
        return addresses
    }
}
