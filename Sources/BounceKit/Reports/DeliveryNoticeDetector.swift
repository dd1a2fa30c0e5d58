import MailModel

/// Notices that the message arrived, in the forms that are not RFC 3464 reports: read receipts
/// (RFC 8098 message disposition notifications: displayed, deleted, dispatched, processed) and
/// Exchange's plain-text delivery and relay notices ("Delivered:", "Relayed:"). Never a failure:
/// each gives a `delivered` finding for its recipient.
public struct DeliveryNoticeDetector: ReportDetector {
    public let name = "delivery-notice"

    public init() {}

    /// Exchange's wording of a delivery notice (Microsoft's NDR and DSN texts): the message was
    /// delivered, or handed on to a server that sends no notice of its own.
    static let deliveredPhrases: [Phrase] = [
        "your message has been delivered to the following recipients",
        "delivery to these recipients or groups is complete",
        "delivery to these recipients or distribution lists is complete",
    ]

    /// Wording of a failure, which a delivery notice never holds: the text reports' own, and
    /// "failed to deliver".
    static let failurePhrases: [Phrase] = TextReport.nonDeliveryPhrases + ["failed to deliver"]

    public func findings(in message: IncomingMessage) -> [Finding]? {
        if let notification = Self.dispositionNotification(in: message.root) {
            return Self.readReceipt(notification, message: message, detector: name)
        }
        let lead = message.lead
        guard Self.deliveredPhrases.contains(where: lead.contains), !Self.failurePhrases.contains(where: lead.contains) else {
            return nil
        }
        let text = message.textParts.first ?? ""
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(where: { line in Self.deliveredPhrases.contains(where: SearchText(line).contains) })
        else { return nil }
        var recipients: [String] = []
        for line in lines[(start + 1)...].prefix(40) {
            if SearchText(line).contains("subject:") { break }
            for address in RecipientLines.addresses(in: line) where !recipients.contains(address) {
                recipients.append(address)
            }
        }
        let said = String(lines[start]).trimmingWhitespace()
        let findings = (recipients.isEmpty ? [nil] : recipients.map(Optional.some)).map { recipient in
            Finding(kind: .delivered, recipient: recipient, reason: .delivered, action: "delivered", diagnostic: said,
                    original: message.original, detector: name, rule: "delivery notice: “\(said)”")
        }
        return findings
    }

    /// The text of the first `message/disposition-notification` part.
    static func dispositionNotification(in part: MIMEPart) -> String? {
        let type = part.contentType
        if type.type == "message", type.subtype == "disposition-notification" || type.subtype == "global-disposition-notification",
           case .text(let text) = part.content {
            return text
        }
        for child in part.parts {
            if let text = dispositionNotification(in: child) { return text }
        }
        return nil
    }

    /// RFC 8098 §3.2.6: the disposition type after the action and sending modes
    /// (`manual-action/MDN-sent-manually; displayed` → `displayed`).
    static func dispositionType(_ disposition: String) -> String {
        disposition.split(separator: ";").last.map { $0.trimmingWhitespace() } ?? disposition
    }

    /// RFC 8098 §3.2: the recipient is Final-Recipient; the disposition says what became of the
    /// message in the recipient's mailbox, which it reached.
    static func readReceipt(_ text: String, message: IncomingMessage, detector: String) -> [Finding] {
        var fields: [String: String] = [:]
        for line in text.split(whereSeparator: \.isNewline) {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].trimmingWhitespace().lowercased()
            if fields[name] == nil { fields[name] = String(line[line.index(after: colon)...]).trimmingWhitespace() }
        }
        let recipient = (fields["final-recipient"] ?? fields["original-recipient"]).flatMap { Address.list($0).first }
            ?? Address.list(message.headers["from"] ?? "").first
        let disposition = fields["disposition"] ?? "displayed"
        let outcome = dispositionType(disposition).lowercased()
        var original = message.original ?? OriginalMessage()
        if original.messageID == nil, let id = fields["original-message-id"] { original.messageID = Address.stripAngles(id) }
        return [Finding(kind: .delivered, recipient: recipient, reason: .delivered, action: "delivered",
                        diagnostic: "Disposition: \(disposition)", original: original.isEmpty ? nil : original, detector: detector,
                        rule: "read receipt (RFC 8098): \(outcome)")]
    }
}
