/// A MIME entity (a whole message or one body part): its header fields, content type and content.
/// RFC 2045 §2.4, RFC 2046 §5.
public struct MIMEPart: Sendable {
    public var headers: HeaderFields
    public var contentType: ContentType
    public var content: Content

    /// What a part holds once transfer encodings are undone.
    public enum Content: Sendable {
        /// A text body (any `text/*`, and the `message/*` report parts), converted to UTF-8.
        case text(String)
        /// Any other leaf body, transfer-decoded.
        case binary([UInt8])
        /// The parts of a `multipart/*` body, in order. RFC 2046 §5.1.
        case multipart([MIMEPart])
        /// An encapsulated message (`message/rfc822`, `message/global`), or only its header section
        /// (`text/rfc822-headers`, RFC 6522 §4), whose content is then empty text. RFC 2046 §5.2.1.
        indirect case message(MIMEPart)
    }

    public init(headers: HeaderFields, contentType: ContentType, content: Content) {
        self.headers = headers
        self.contentType = contentType
        self.content = content
    }

    /// The part's text, if it is a text leaf.
    public var text: String? {
        if case .text(let text) = content { return text }
        return nil
    }

    /// The sub-parts of a multipart, else empty.
    public var parts: [MIMEPart] {
        if case .multipart(let parts) = content { return parts }
        return []
    }

    /// The encapsulated message, if this part is one.
    public var message: MIMEPart? {
        if case .message(let message) = content { return message }
        return nil
    }

    /// Visits this part and every part below it, depth first, in document order. Encapsulated
    /// messages are entered too. Return `false` from `body` to stop.
    @discardableResult
    public func walk(_ body: (MIMEPart) -> Bool) -> Bool {
        guard body(self) else { return false }
        switch content {
        case .multipart(let parts):
            for part in parts where !part.walk(body) { return false }
        case .message(let message):
            return message.walk(body)
        case .text, .binary:
            break
        }
        return true
    }

    /// The first part, depth first, satisfying `predicate`.
    public func first(where predicate: (MIMEPart) -> Bool) -> MIMEPart? {
        var found: MIMEPart?
        walk { part in
            if predicate(part) { found = part; return false }
            return true
        }
        return found
    }
}
