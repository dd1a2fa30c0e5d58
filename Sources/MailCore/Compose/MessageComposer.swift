import CEtPan
import Foundation

/// Builds an outgoing message with libetpan's IMF and MIME construction API (`mailimf_fields`,
/// `mailmime_new_message_data`, `mailmime_smart_add_part`) and writes it with `mailmime_write_mem`:
/// RFC 5322 header (Date, From, Reply-To, To, Cc, Message-ID, Subject, extra fields), MIME-Version,
/// a UTF-8 text part (7bit or quoted-printable, RFC 2045 §6.7), and base64 attachments under
/// multipart/mixed (RFC 2046 §5.1.3) only when there are any. CRLF line endings, ready for DATA.
public enum MessageComposer {
    public static func compose(_ message: OutgoingMessage) throws(ComposeError) -> [UInt8] {
        try MessageValidation.check(message)
        let tree = try MIMEBuilder()
        try tree.setFields(fields(of: message, tree: tree))
        let body = try textPart(message.textBody, tree: tree)
        if message.attachments.isEmpty {
            try tree.add(body, to: tree.root)
        } else {
            guard let mixed = mailmime_multiple_new("multipart/mixed") else { throw MIMEBuilder.outOfMemory }
            try tree.add(mixed, to: tree.root)
            try tree.add(body, to: mixed)
            for attachment in message.attachments {
                try tree.add(attachmentPart(attachment, tree: tree), to: mixed)
            }
        }
        return try tree.written()
    }

    // MARK: - Header (RFC 5322 §3.6)

    static func fields(of message: OutgoingMessage, tree: MIMEBuilder) throws(ComposeError) -> UnsafeMutablePointer<mailimf_fields> {
        guard let from = mailimf_mailbox_list_new_empty() else { throw MIMEBuilder.outOfMemory }
        mailimf_mailbox_list_add(from, try mailbox(message.from))
        let replyTo = try message.replyTo.map { (address) throws(ComposeError) in try addressList([address]) }
        let to = message.to.isEmpty ? nil : try addressList(message.to)
        let cc = message.cc.isEmpty ? nil : try addressList(message.cc)
        guard let fields = mailimf_fields_new_with_data_all(
            try date(message.date), from, nil, replyTo, to, cc, nil, strdup(message.messageID), nil, nil,
            strdup(HeaderWords.encoded(message.subject))) else { throw MIMEBuilder.outOfMemory }
        for header in message.extraHeaders {
            guard let field = mailimf_field_new_custom(strdup(header.name), strdup(HeaderWords.encoded(header.value))) else {
                mailimf_fields_free(fields)
                throw MIMEBuilder.outOfMemory
            }
            mailimf_fields_add(fields, field)
        }
        return fields
    }

    static func mailbox(_ address: MailboxAddress) throws(ComposeError) -> UnsafeMutablePointer<mailimf_mailbox> {
        let name = address.name.flatMap { $0.isEmpty ? nil : strdup(HeaderWords.encoded($0)) }
        guard let mailbox = mailimf_mailbox_new(name, strdup(address.address)) else { throw MIMEBuilder.outOfMemory }
        return mailbox
    }

    static func addressList(_ addresses: [MailboxAddress]) throws(ComposeError) -> UnsafeMutablePointer<mailimf_address_list> {
        guard let list = mailimf_address_list_new_empty() else { throw MIMEBuilder.outOfMemory }
        for address in addresses {
            mailimf_address_list_add(list, mailimf_address_new(Int32(MAILIMF_ADDRESS_MAILBOX), try mailbox(address), nil))
        }
        return list
    }

    /// The date in UTC (`+0000`); libetpan writes `Thu, 5 Mar 2026 14:07:09 +0000` (RFC 5322 §3.3).
    static func date(_ date: Date) throws(ComposeError) -> UnsafeMutablePointer<mailimf_date_time> {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        guard let value = mailimf_date_time_new(Int32(parts.day ?? 1), Int32(parts.month ?? 1), Int32(parts.year ?? 1970),
                                                Int32(parts.hour ?? 0), Int32(parts.minute ?? 0), Int32(parts.second ?? 0), 0)
        else { throw MIMEBuilder.outOfMemory }
        return value
    }

    // MARK: - Parts

    /// text/plain; charset=utf-8: 7bit when ASCII with short lines, else quoted-printable.
    static func textPart(_ text: String, tree: MIMEBuilder) throws(ComposeError) -> UnsafeMutablePointer<mailmime> {
        let bytes = LineEndings.crlf(Array(text.utf8))
        let plain = LineEndings.isSevenBitWithShortLines(bytes)
        guard let content = mailmime_content_new_with_str("text/plain") else { throw MIMEBuilder.outOfMemory }
        MIMEBuilder.append(mailmime_param_new_with_data(strdup("charset"), strdup("utf-8")), to: content.pointee.ct_parameters)
        let encoding = plain ? MAILMIME_MECHANISM_7BIT : MAILMIME_MECHANISM_QUOTED_PRINTABLE
        guard let fields = mailmime_fields_new_encoding(Int32(encoding)) else {
            mailmime_content_free(content)
            throw MIMEBuilder.outOfMemory
        }
        guard let part = mailmime_new_empty(content, fields) else {
            mailmime_content_free(content)
            mailmime_fields_free(fields)
            throw MIMEBuilder.outOfMemory
        }
        // Quoted-printable is encoded here (see `QuotedPrintable`) and handed over as already encoded.
        let encoded = plain ? bytes : QuotedPrintable.encoded(bytes)
        let buffer = try tree.keep(encoded)
        part.pointee.mm_data.mm_single = mailmime_data_new_data(Int32(encoding), 1, buffer, encoded.count)
        return part
    }

    /// `Content-Disposition: attachment; filename=…` (RFC 2183), base64 body (RFC 2045 §6.8).
    static func attachmentPart(_ attachment: OutgoingMessage.Attachment, tree: MIMEBuilder) throws(ComposeError)
        -> UnsafeMutablePointer<mailmime> {
        let name = attachment.filename
        let simple = HeaderWords.isPlain(name) && name.utf8.count <= 60 && !name.contains("\"") && !name.contains("\\")
        let type = attachment.contentType.lowercased()
        guard let content = mailmime_content_new_with_str(type) else { throw MIMEBuilder.outOfMemory }
        let fields: UnsafeMutablePointer<mailmime_fields>?
        if simple {
            MIMEBuilder.append(mailmime_param_new_with_data(strdup("name"), strdup(name)), to: content.pointee.ct_parameters)
            fields = mailmime_fields_new_filename(Int32(MAILMIME_DISPOSITION_TYPE_ATTACHMENT), strdup(name),
                                                  Int32(MAILMIME_MECHANISM_BASE64))
        } else {
            // libetpan quotes every parameter value it writes, but RFC 2231 extended values must not
            // be quoted: the extended parameters go after the subtype and the disposition type,
            // which libetpan writes as they are, already folded.
            let subtype = content.pointee.ct_subtype.map { String(cString: $0) } ?? "octet-stream"
            free(content.pointee.ct_subtype)
            content.pointee.ct_subtype = strdup(subtype + HeaderWords.extendedParameter("name", name))
            let disposition = mailmime_disposition_new(
                mailmime_disposition_type_new(Int32(MAILMIME_DISPOSITION_TYPE_EXTENSION),
                                              strdup("attachment" + HeaderWords.extendedParameter("filename", name))),
                clist_new())
            fields = mailmime_fields_new_with_data(mailmime_mechanism_new(Int32(MAILMIME_MECHANISM_BASE64), nil),
                                                   nil, nil, disposition, nil)
        }
        guard let fields else {
            mailmime_content_free(content)
            throw MIMEBuilder.outOfMemory
        }
        guard let part = mailmime_new_empty(content, fields) else {
            mailmime_content_free(content)
            mailmime_fields_free(fields)
            throw MIMEBuilder.outOfMemory
        }
        let buffer = try tree.keep(attachment.data)
        part.pointee.mm_data.mm_single = mailmime_data_new_data(Int32(MAILMIME_MECHANISM_BASE64), 0, buffer, attachment.data.count)
        return part
    }
}
