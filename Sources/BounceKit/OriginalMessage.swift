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

    /// The first Message-ID, Subject, From, To and Date and every `X-` field, read in one pass over
    /// the fields (a returned header section often has dozens).
    public init(headers: HeaderFields) {
        self.init()
        for field in headers {
            if Self.isExtension(field) {
                extensionHeaders.append(field)
            } else if messageID == nil, field.hasKey("message-id") {
                messageID = Address.stripAngles(field.value)
            } else if subject == nil, field.hasKey("subject") {
                subject = field.value
            } else if from == nil, field.hasKey("from") {
                from = field.value
            } else if to == nil, field.hasKey("to") {
                to = field.value
            } else if date == nil, field.hasKey("date") {
                date = field.value
            }
        }
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
