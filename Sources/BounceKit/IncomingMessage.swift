import MailModel

/// A parsed message as detectors see it: the MIME tree plus the pieces most of them look at,
/// found in one walk.
public struct IncomingMessage: Sendable {
    public let root: MIMEPart
    /// The message's own header section.
    public var headers: HeaderFields { root.headers }
    /// Subject, lowercased, or "".
    public let subject: String
    /// From, lowercased, or "".
    public let from: String
    /// Every `message/delivery-status` (and RFC 6533 `message/global-delivery-status`) body.
    public let deliveryStatusTexts: [String]
    /// The returned original's header section, if the report carries one.
    public let originalHeaders: HeaderFields?
    /// The human-readable text parts outside the returned original, in order.
    public let textParts: [String]
    /// The start of the text parts, lowercased (see `lead`). This and the prepared fields below
    /// are what text detectors test; a message with a delivery-status part rarely reaches them, so
    /// they are prepared only for messages without one and computed on demand for the others.
    private let preparedLead: SearchText?
    /// From and Subject for byte searches.
    let fromText: SearchText
    let subjectText: SearchText
    /// From mail software, or with a bounce's Subject or opening words (see `looksLikeBounce(_:)`).
    private var preparedLooksLikeBounce: Bool?
    /// Bytes of text kept in `lead`.
    static let leadLength = 4096

    public init(_ root: MIMEPart) {
        self.root = root
        subject = root.headers["subject"]?.lowercased() ?? ""
        from = root.headers["from"]?.lowercased() ?? ""
        var statuses: [String] = []
        var original: HeaderFields?
        var texts: [String] = []
        IncomingMessage.collect(root, isRoot: true, statuses: &statuses, original: &original, texts: &texts)
        deliveryStatusTexts = statuses
        originalHeaders = original
        textParts = texts
        fromText = SearchText(from)
        subjectText = SearchText(subject)
        let prepare = statuses.isEmpty
        preparedLead = prepare ? Self.lead(of: texts) : nil
        preparedLooksLikeBounce = nil
        if prepare { preparedLooksLikeBounce = Self.looksLikeBounce(self) }
    }

    /// The start of the text parts, lowercased: where text detectors look for a family's markers.
    var lead: SearchText { preparedLead ?? Self.lead(of: textParts) }

    static func lead(of texts: [String]) -> SearchText {
        var leadBytes: [UInt8] = []
        for var text in texts where leadBytes.count < leadLength {
            let room = leadLength - leadBytes.count
            text.withUTF8 { leadBytes.append(contentsOf: UnsafeBufferPointer(rebasing: $0.prefix(room))) }
            leadBytes.append(0x0A)
        }
        return SearchText(bytes: leadBytes)
    }

    /// See `looksLikeBounce(_:)`.
    var looksLikeBounce: Bool { preparedLooksLikeBounce ?? Self.looksLikeBounce(self) }

    /// Whether the start of the text holds any of `phrases` (lowercase).
    func leadContains(_ phrases: Phrase...) -> Bool {
        let lead = self.lead
        return phrases.contains(where: lead.contains)
    }

    /// Whether From holds any of `fragments` (lowercase).
    func fromContains(_ fragments: Phrase...) -> Bool {
        fragments.contains(where: fromText.contains)
    }

    /// Whether Subject holds any of `fragments` (lowercase).
    func subjectContains(_ fragments: Phrase...) -> Bool {
        fragments.contains(where: subjectText.contains)
    }

    /// Whether the message has a header field named `name` (lowercase).
    func hasHeader(_ name: String) -> Bool {
        headers.contains(name)
    }

    /// Whether any `name` header field (lowercase) holds any of `fragments` (lowercase).
    func headerContains(_ name: String, _ fragments: Phrase...) -> Bool {
        guard hasHeader(name) else { return false }
        return headers.all(name).contains { value in
            let text = SearchText(value)
            return fragments.contains(where: text.contains)
        }
    }

    private static func collect(_ part: MIMEPart, isRoot: Bool, statuses: inout [String], original: inout HeaderFields?, texts: inout [String]) {
        let type = part.contentType
        switch part.content {
        case .text(let text):
            if type.type == "message", type.subtype == "delivery-status" || type.subtype == "global-delivery-status" {
                statuses.append(text)
            } else if type.type == "text" || isRoot {
                texts.append(text)
            }
        case .multipart(let parts):
            for child in parts {
                collect(child, isRoot: false, statuses: &statuses, original: &original, texts: &texts)
            }
        case .message(let message):
            if isRoot {
                collect(message, isRoot: false, statuses: &statuses, original: &original, texts: &texts)
            } else if original == nil {
                // The first encapsulated message is the returned original; what is inside it is
                // not part of this report.
                original = message.headers
            }
        case .binary:
            break
        }
    }

    /// The original message's headers as a matching record.
    public var original: OriginalMessage? {
        guard let originalHeaders else { return nil }
        let original = OriginalMessage(headers: originalHeaders)
        return original.isEmpty ? nil : original
    }
}
