/// The checks `MessageComposer` makes before building: no CR, LF or NUL in any header text
/// (header injection, RFC 5322 §2.2), addresses of the form `local@domain` (RFC 5322 §3.4.1,
/// checked minimally), field names of printable ASCII without ':' (§2.2), a Message-ID (§3.6.4).
enum MessageValidation {
    /// Fields MessageComposer writes itself; an extra header must not repeat them.
    static let reserved: Set<String> = ["from", "to", "cc", "bcc", "reply-to", "subject", "date", "message-id",
                                        "mime-version", "content-type", "content-transfer-encoding", "content-disposition"]

    static func check(_ message: OutgoingMessage) throws(ComposeError) {
        guard !(message.to.isEmpty && message.cc.isEmpty) else {
            throw ComposeError(.noRecipients, "The message has no recipients: add at least one To or Cc address.")
        }
        try address(message.from, field: "From")
        if let replyTo = message.replyTo { try address(replyTo, field: "Reply-To") }
        for entry in message.to { try address(entry, field: "To") }
        for entry in message.cc { try address(entry, field: "Cc") }
        try text(message.subject, field: "Subject")
        try text(message.messageID, field: "Message-ID")
        let id = Array(message.messageID.utf8)
        guard id.filter({ $0 == UInt8(ascii: "@") }).count == 1, id.first != UInt8(ascii: "@"), id.last != UInt8(ascii: "@"),
              id.allSatisfy({ (0x21...0x7E).contains($0) && $0 != UInt8(ascii: "<") && $0 != UInt8(ascii: ">") }) else {
            throw ComposeError(.invalidHeader, "The Message-ID “\(message.messageID)” is not of the form left@right (printable "
                + "ASCII, no spaces or angle brackets): give it without the brackets, e.g. m12.k1.abc@event.example.")
        }
        for header in message.extraHeaders {
            try text(header.name, field: "header name")
            try text(header.value, field: "\(header.name) header")
            let name = Array(header.name.utf8)
            guard !name.isEmpty, name.count <= 76, name.allSatisfy({ (0x21...0x7E).contains($0) && $0 != UInt8(ascii: ":") }) else {
                throw ComposeError(.invalidHeader, "“\(header.name)” is not a header field name: use letters, digits and "
                    + "hyphens, such as X-MailEvents-Tag.")
            }
            guard !reserved.contains(header.name.lowercased()) else {
                throw ComposeError(.invalidHeader, "The extra header \(header.name) would repeat a field the composer writes "
                    + "itself: set it through the message's own property instead.")
            }
            guard header.value.utf8.count <= 900 else {
                throw ComposeError(.invalidHeader, "The \(header.name) header value is \(header.value.utf8.count) bytes long; "
                    + "keep header values under 900 bytes.")
            }
        }
        for attachment in message.attachments {
            try text(attachment.filename, field: "attachment file name")
            let type = Array(attachment.contentType.utf8)
            let slashes = type.filter { $0 == UInt8(ascii: "/") }.count
            guard slashes == 1, type.first != UInt8(ascii: "/"), type.last != UInt8(ascii: "/"),
                  type.allSatisfy(isTokenChar(_:)) else {
                throw ComposeError(.invalidHeader, "The content type “\(attachment.contentType)” of \(attachment.filename) is "
                    + "not type/subtype: use e.g. application/pdf, or MessageComposer.contentType(forFileName:).")
            }
        }
    }

    static func text(_ value: String, field: String) throws(ComposeError) {
        guard !value.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A || $0 == 0 }) else {
            throw ComposeError(.headerInjection, "The \(field) contains a line break (CR or LF) or NUL, which would let it add "
                + "header fields of its own: remove the line breaks.")
        }
    }

    static func address(_ mailbox: MailboxAddress, field: String) throws(ComposeError) {
        if let name = mailbox.name { try text(name, field: "\(field) display name") }
        let bytes = Array(mailbox.address.utf8)
        let at = bytes.filter { $0 == UInt8(ascii: "@") }.count
        let forbidden: Set<UInt8> = [0x20, 0x09, 0x0D, 0x0A, 0x00, UInt8(ascii: "<"), UInt8(ascii: ">")]
        guard at == 1, bytes.first != UInt8(ascii: "@"), bytes.last != UInt8(ascii: "@"),
              !bytes.contains(where: forbidden.contains) else {
            throw ComposeError(.invalidAddress, "The \(field) address “\(mailbox.address)” is not a mail address: it needs the "
                + "form name@domain, with one @ and no spaces, line breaks or angle brackets.")
        }
    }

    /// RFC 2045 §5.1 token characters, plus '/' between type and subtype.
    static func isTokenChar(_ byte: UInt8) -> Bool {
        guard byte > 0x20, byte < 0x7F else { return false }
        return byte == UInt8(ascii: "/") || !"()<>@,;:\\\"[]?=".utf8.contains(byte)
    }
}
