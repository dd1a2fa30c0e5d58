import MailModel

/// The headers of the original message a report returns (`message/rfc822` or
/// `text/rfc822-headers`, RFC 3462 §2), kept to match the report to the message we sent.
public struct OriginalMessage: Sendable, Equatable {
    public var messageID: String?
    public var subject: String?
    public var from: String?
    public var to: String?
    public var date: String?
    /// `X-` headers (our tag among them), in order.
    public var extensionHeaders: [HeaderField]

    public init(messageID: String? = nil, subject: String? = nil, from: String? = nil, to: String? = nil,
                date: String? = nil, extensionHeaders: [HeaderField] = []) {
        self.messageID = messageID
        self.subject = subject
        self.from = from
        self.to = to
        self.date = date
        self.extensionHeaders = extensionHeaders
    }

    public init(headers: HeaderFields) {
        self.init(messageID: headers["message-id"].map(Address.stripAngles),
                  subject: headers["subject"], from: headers["from"], to: headers["to"], date: headers["date"],
                  extensionHeaders: headers.filter(Self.isExtension))
    }

    /// An `X-` field (RFC 822 §4.7.5's extension fields). The name's first byte is looked at before
    /// the name is lowercased.
    static func isExtension(_ field: HeaderField) -> Bool {
        field.name.utf8.first.map { $0 | 0x20 } == UInt8(ascii: "x") && field.key.hasPrefix("x-")
    }

    /// True when no header of interest came back.
    public var isEmpty: Bool {
        messageID == nil && subject == nil && from == nil && to == nil && date == nil && extensionHeaders.isEmpty
    }
}
