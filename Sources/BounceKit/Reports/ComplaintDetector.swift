import MailModel

/// Complaints: ARF feedback reports (RFC 5965 `multipart/report; report-type=feedback-report`,
/// RFC 6591 authentication-failure reports), Microsoft's JMRP/SNDS complaints (the original with
/// `X-HmXmrOriginalRecipient`) and Apple Mail's one-click unsubscribe (`X-Apple-Unsubscribe`).
/// The recipient is whoever complained: `Original-Rcpt-To`, else `Removal-Recipient`, else the
/// original's recipient.
public struct ComplaintDetector: ReportDetector {
    public let name = "arf"

    public init() {}

    public func findings(in message: IncomingMessage) -> [Finding]? {
        if let report = Self.feedbackReport(in: message.root) {
            return findings(report: report, message: message)
        }
        if let original = message.originalHeaders, let recipient = original["x-hmxmroriginalrecipient"] {
            // Microsoft's Junk Mail Reporting Program: no ARF part, the reported message attached.
            let recipients = Address.list(recipient)
            return complaint(recipients: recipients, type: "abuse", message: message, detector: "microsoft-jmrp")
        }
        if message.headers["x-apple-unsubscribe"]?.trimmingWhitespace().lowercased() == "true" {
            return complaint(recipients: Address.list(message.headers["from"] ?? ""), type: "opt-out",
                             message: message, detector: "apple-unsubscribe")
        }
        return nil
    }

    private func findings(report: FeedbackReport, message: IncomingMessage) -> [Finding] {
        var recipients = report.originalRecipients
        if recipients.isEmpty { recipients = report.removalRecipients }
        if recipients.isEmpty, let original = message.originalHeaders {
            recipients = Address.list(original["x-hmxmroriginalrecipient"] ?? original["to"] ?? "")
        }
        return complaint(recipients: recipients, type: report.feedbackType ?? "abuse", message: message, detector: name,
                         reportingMTA: report.reportedDomain ?? report.userAgent)
    }

    private func complaint(recipients: [String], type: String, message: IncomingMessage, detector: String,
                           reportingMTA: String? = nil) -> [Finding] {
        let original = message.original
        // A report that names nobody (the original's To was "undisclosed recipients") still counts.
        let named: [String?] = recipients.isEmpty ? [nil] : recipients
        return named.map { recipient in
            Finding(kind: .complaint, recipient: recipient, reason: .feedback, reportingMTA: reportingMTA,
                    feedbackType: type, original: original, detector: detector)
        }
    }

    /// The `message/feedback-report` part, searched through multiparts but not inside an
    /// encapsulated message: a report forwarded inside another message is not addressed to us.
    static func feedbackReport(in part: MIMEPart) -> FeedbackReport? {
        switch part.content {
        case .text(let text) where part.contentType.matches("message", "feedback-report"):
            return FeedbackReport(text)
        case .multipart(let parts):
            return parts.lazy.compactMap(feedbackReport(in:)).first
        default:
            return nil
        }
    }
}
