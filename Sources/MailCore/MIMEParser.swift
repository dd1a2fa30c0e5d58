import CEtPan
import MailModel

/// Parses raw message bytes into a `MIMEPart` tree with libetpan's MIME parser: header fields
/// (RFC 5322, with RFC 2047 words decoded), the part tree (RFC 2046), transfer decoding (base64,
/// quoted-printable, RFC 2045 §6) and text converted to UTF-8 from its declared charset.
///
/// It never fails: bytes libetpan cannot read as a message come back as one text part, so a
/// caller can always record what arrived. Bytes beyond `MessageBounds` are not given to libetpan
/// at all (see `unparsed`), which keeps the parse linear in the size and its recursion shallow.
public enum MIMEParser {
    /// Parts nested deeper than this are not descended into (hostile input, RFC 2046 sets no limit).
    public static let maximumDepth = 40

    public static func parse(_ raw: [UInt8]) -> MIMEPart {
        switch MessageBounds.check(raw) {
        case .success(let message): return parse(message)
        case .failure: return unparsed(raw)
        }
    }

    /// `parse(_:)` of bytes already checked against `MessageBounds`.
    public static func parse(_ message: BoundedMessage) -> MIMEPart {
        parseCompactingHeader(message) ?? parseWhole(message)
    }

    /// The parse with libetpan given only the fields of the message's header that decide it
    /// (`CompactHeader`), or nil when that might not be `parseWhole`'s: the header has no blank
    /// line or a backslash before a line break, or libetpan's body does not start after the blank
    /// line (it ended the header early).
    static func parseCompactingHeader(_ message: BoundedMessage) -> MIMEPart? {
        CharsetConverters.install()
        var bytes = LineEndings.normalized(message.bytes)
        // The message's own fields are read (`HeaderParser`) before libetpan's copy of the section
        // is rewritten, and in the same pass the fields libetpan needs are noted.
        var collector = CompactHeader.Collector()
        let headers = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { HeaderParser.parse($0) { collector.add($0, in: buffer) } }
        }
        guard let compact = bytes.withUnsafeBufferPointer({ collector.header(in: $0) }) else { return nil }
        bytes.withUnsafeMutableBufferPointer { compact.write(to: $0) }
        return bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                guard let tree = MIMETree(parsing: chars, from: compact.start),
                      let origin = chars.baseAddress, tree.bodyStart == origin + compact.bodyStart else { return nil }
                return withExtendedLifetime(tree) {
                    Converter(base: chars).message(tree.root, headers: headers, depth: 0)
                }
            }
        }
    }

    /// The parse with libetpan reading the whole message.
    static func parseWhole(_ message: BoundedMessage) -> MIMEPart {
        CharsetConverters.install()
        let bytes = LineEndings.normalized(message.bytes)
        return bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                guard let tree = MIMETree(parsing: chars) else {
                    return MIMEPart(headers: HeaderFields(), contentType: .textPlain,
                                    content: .text(Text.decodeUTF8OrLatin1(bytes)))
                }
                return withExtendedLifetime(tree) {
                    Converter(base: chars).message(tree.root, depth: 0)
                }
            }
        }
    }
}

/// Walks a libetpan tree and builds Swift values. Lives only inside `MIMEParser.parse`.
private struct Converter {
    let base: UnsafeBufferPointer<CChar>

    /// A `MAILMIME_MESSAGE` node: its fields are the message's header (`headers`, when read
    /// already); its `mm_msg_mime` its body.
    func message(_ node: UnsafeMutablePointer<mailmime>, headers: HeaderFields? = nil, depth: Int) -> MIMEPart {
        let headers = headers ?? headerFields(startingAt: node.pointee.mm_body.map { $0.pointee.dt_data.dt_text.dt_data },
                                              length: node.pointee.mm_body.map { $0.pointee.dt_data.dt_text.dt_length } ?? 0)
        guard let body = node.pointee.mm_data.mm_message.mm_msg_mime else {
            return MIMEPart(headers: headers, contentType: .textPlain, content: .text(""))
        }
        let contentType = self.contentType(body)
        return MIMEPart(headers: headers, contentType: contentType, content: content(body, type: contentType, depth: depth))
    }

    /// A part of a multipart: its own header section starts at `mm_mime_start`.
    func part(_ node: UnsafeMutablePointer<mailmime>, depth: Int) -> MIMEPart {
        let headers = headerFields(startingAt: node.pointee.mm_mime_start, length: node.pointee.mm_length)
        let contentType = self.contentType(node)
        return MIMEPart(headers: headers, contentType: contentType, content: content(node, type: contentType, depth: depth))
    }

    func content(_ node: UnsafeMutablePointer<mailmime>, type: ContentType, depth: Int) -> MIMEPart.Content {
        guard depth < MIMEParser.maximumDepth else { return .text("") }
        switch Int(node.pointee.mm_type) {
        case Int(MAILMIME_MULTIPLE):
            var parts: [MIMEPart] = []
            forEachElement(of: node.pointee.mm_data.mm_multipart.mm_mp_list, as: mailmime.self) { child in
                parts.append(part(child, depth: depth + 1))
            }
            return .multipart(parts)
        case Int(MAILMIME_MESSAGE):
            return .message(message(node, depth: depth + 1))
        default:
            let bytes = decodedBody(node.pointee.mm_data.mm_single)
            if type.matches("text", "rfc822-headers") {
                // RFC 6522 §4: the returned header section alone.
                let headers = bytes.withUnsafeBufferPointer { buffer in
                    buffer.withMemoryRebound(to: CChar.self) { HeaderParser.parse($0) }
                }
                return .message(MIMEPart(headers: headers, contentType: .textPlain, content: .text("")))
            }
            if type.type == "text" || type.type == "message" {
                return .text(Text.decode(bytes, charset: type.charset))
            }
            return .binary(bytes)
        }
    }

    /// The header fields in the `length` bytes at `start` (a pointer into the message buffer): only
    /// the node's own bytes, so a part whose header never ends (no blank line, the next delimiter
    /// read as a field) does not run on into the following parts: each byte is parsed once per
    /// enclosing node, not once per earlier sibling.
    func headerFields(startingAt start: UnsafePointer<CChar>?, length: Int) -> HeaderFields {
        guard let start, let origin = base.baseAddress, start >= origin, start < origin + base.count else {
            return HeaderFields()
        }
        let offset = start - origin
        var end = offset + min(max(length, 0), base.count - offset)
        // A part ends before the line break of its closing delimiter (RFC 2046 §5.1.1); a header
        // that fills the part (no blank line, no body) needs that line break to end its last field.
        if end < base.count, base[end] == 0x0A { end += 1 }
        return HeaderParser.parse(UnsafeBufferPointer(rebasing: self.base[offset..<end]))
    }

    /// The body of a leaf with its transfer encoding undone (RFC 2045 §6).
    func decodedBody(_ data: UnsafeMutablePointer<mailmime_data>?) -> [UInt8] {
        guard let data, data.pointee.dt_type == Int32(MAILMIME_DATA_TEXT),
              let text = data.pointee.dt_data.dt_text.dt_data else { return [] }
        let length = data.pointee.dt_data.dt_text.dt_length
        let encoding = Int(data.pointee.dt_encoding)
        if data.pointee.dt_encoded != 0, encoding == Int(MAILMIME_MECHANISM_QUOTED_PRINTABLE) {
            return text.withMemoryRebound(to: UInt8.self, capacity: length) {
                QuotedPrintableDecoder.decode(UnsafeBufferPointer(start: $0, count: length))
            }
        }
        if data.pointee.dt_encoded != 0, encoding == Int(MAILMIME_MECHANISM_BASE64) {
            var index = 0
            var result: UnsafeMutablePointer<CChar>?
            var resultLength = 0
            if mailmime_part_parse(text, length, &index, Int32(encoding), &result, &resultLength) == Int32(MAILIMF_NO_ERROR),
               let result {
                return DecodedBuffer(pointer: result, count: resultLength).bytes
            }
        }
        return text.withMemoryRebound(to: UInt8.self, capacity: length) {
            Array(UnsafeBufferPointer(start: $0, count: length))
        }
    }

    /// The node's Content-Type from libetpan's parsed `mailmime_content` (RFC 2045 §5.1).
    func contentType(_ node: UnsafeMutablePointer<mailmime>) -> ContentType {
        guard let content = node.pointee.mm_content_type else {
            return node.pointee.mm_type == Int32(MAILMIME_MESSAGE)
                ? ContentType(type: "message", subtype: "rfc822") : .textPlain
        }
        let type = mediaType(content.pointee.ct_type)
        let subtype = content.pointee.ct_subtype.map { String(cString: $0) } ?? ""
        var parameters: [String: String] = [:]
        // Room for them all at once: growing from empty rehashes at the first and second.
        if let list = content.pointee.ct_parameters, list.pointee.count > 0 {
            parameters.reserveCapacity(Int(list.pointee.count))
        }
        forEachElement(of: content.pointee.ct_parameters, as: mailmime_parameter.self) { parameter in
            guard let name = parameter.pointee.pa_name else { return }
            let value = parameter.pointee.pa_value.map { String(cString: $0) } ?? ""
            ContinuedParameters.add(name: String(cString: name), value: value, to: &parameters)
        }
        return ContentType(type: type, subtype: subtype, parameters: parameters)
    }

    func mediaType(_ type: UnsafeMutablePointer<mailmime_type>?) -> String {
        guard let type else { return "text" }
        switch Int(type.pointee.tp_type) {
        case Int(MAILMIME_TYPE_DISCRETE_TYPE):
            guard let discrete = type.pointee.tp_data.tp_discrete_type else { return "text" }
            switch Int(discrete.pointee.dt_type) {
            case Int(MAILMIME_DISCRETE_TYPE_TEXT): return "text"
            case Int(MAILMIME_DISCRETE_TYPE_IMAGE): return "image"
            case Int(MAILMIME_DISCRETE_TYPE_AUDIO): return "audio"
            case Int(MAILMIME_DISCRETE_TYPE_VIDEO): return "video"
            case Int(MAILMIME_DISCRETE_TYPE_APPLICATION): return "application"
            default: return discrete.pointee.dt_extension.map { String(cString: $0) } ?? "application"
            }
        case Int(MAILMIME_TYPE_COMPOSITE_TYPE):
            guard let composite = type.pointee.tp_data.tp_composite_type else { return "multipart" }
            switch Int(composite.pointee.ct_type) {
            case Int(MAILMIME_COMPOSITE_TYPE_MESSAGE): return "message"
            case Int(MAILMIME_COMPOSITE_TYPE_MULTIPART): return "multipart"
            default: return composite.pointee.ct_token.map { String(cString: $0) } ?? "multipart"
            }
        default:
            return "application"
        }
    }
}
