import Foundation

/// A message to submit: the header fields MailEvents sets (RFC 5322 §3.6), a UTF-8 text body and
/// attachments (RFC 2045–2046, RFC 2183). `MessageComposer` turns it into bytes.
public struct OutgoingMessage: Sendable {
    public var from: MailboxAddress
    public var replyTo: MailboxAddress?
    public var to: [MailboxAddress]
    public var cc: [MailboxAddress] = []
    public var subject: String
    public var textBody: String
    public var attachments: [Attachment] = []
    /// Without angle brackets: `m12r0.k1.abcdefghijklmnop@event.example`.
    public var messageID: String
    public var date: Date
    /// Further fields, e.g. `X-MailEvents-Tag`; names and values must not contain CR or LF.
    public var extraHeaders: [(name: String, value: String)] = []

    /// A file sent with the message, base64-encoded, `Content-Disposition: attachment` (RFC 2183).
    public struct Attachment: Sendable {
        public var filename: String
        /// A MIME type such as `application/pdf`; see `MessageComposer.contentType(forFileName:)`.
        public var contentType: String
        public var data: [UInt8]

        public init(filename: String, contentType: String, data: [UInt8]) {
            self.filename = filename
            self.contentType = contentType
            self.data = data
        }
    }

    public init(from: MailboxAddress, replyTo: MailboxAddress? = nil, to: [MailboxAddress], cc: [MailboxAddress] = [],
                subject: String, textBody: String, attachments: [Attachment] = [], messageID: String, date: Date,
                extraHeaders: [(name: String, value: String)] = []) {
        self.from = from
        self.replyTo = replyTo
        self.to = to
        self.cc = cc
        self.subject = subject
        self.textBody = textBody
        self.attachments = attachments
        self.messageID = messageID
        self.date = date
        self.extraHeaders = extraHeaders
    }
}
