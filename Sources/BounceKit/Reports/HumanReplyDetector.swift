import MailModel

/// A person's reply. In reply-to mode From is the event mailbox, so a correspondent who answers
/// From instead of Reply-To writes to us: the reply must reach the user, and the message it
/// answers was evidently delivered. Recognised by reply headers (`In-Reply-To`, `References`) or a
/// reply prefix on the subject, from a sender that is neither a mail system nor automatic.
public struct HumanReplyDetector: ReportDetector {
    public let name = "human-reply"

    public init() {}

    /// Subject prefixes of replies, lowercased (RFC 5322 §3.6.5 and localised forms).
    static let replyPrefixes = ["re:", "re :", "aw:", "sv:", "vs:", "vá:", "odp:", "antw:", "r:", "ynt:", "отв:", "ответ:", "vast:"]

    /// A forwarded message (`Fwd:`, "Begin forwarded message") is someone passing mail on, not
    /// answering it.
    static func isForward(_ message: IncomingMessage) -> Bool {
        let subject = message.subject
        if subject.hasPrefix("fwd:") || subject.hasPrefix("fw:") || subject.hasPrefix("wg:") { return true }
        let body = SearchText(message.textParts.first?.prefix(2000) ?? "")
        return body.contains("begin forwarded message") || body.contains("---------- forwarded message")
    }

    /// A non-delivery report whose Subject kept the original's "RE:": it announces non-delivery
    /// in its Subject and opening words and answers nothing (no In-Reply-To or References).
    static func isNonDeliveryReport(_ message: IncomingMessage) -> Bool {
        message.hasNonDeliverySubject && !message.headers.contains("in-reply-to") && !message.headers.contains("references")
            && message.leadContains("could not be delivered", "couldn't be delivered", "cannot be delivered", "was not delivered",
                                    "undeliverable", "delivery has failed", "unable to deliver")
    }

    public func findings(in message: IncomingMessage) -> [Finding]? {
        let headers = message.headers
        guard !AutomaticReplySignals.isFromMailSystem(message.from), !AutomaticReplySignals.isAutoSubmitted(headers),
              !AutomaticReplySignals.hasReplyHeader(headers), !headers.contains("list-id"),
              !["bulk", "list", "junk"].contains(headers["precedence"]?.trimmingWhitespace().lowercased() ?? ""),
              headers.contains("in-reply-to") || headers.contains("references")
                || Self.replyPrefixes.contains(where: message.subject.hasPrefix),
              !Self.isForward(message), !Self.isNonDeliveryReport(message), let person = Address.list(headers["from"] ?? "").first else { return nil }
        return [Finding(kind: .humanReply, recipient: person, reason: .undefined,
                        diagnostic: message.textParts.first.map(AutomaticReplyDetector.excerpt),
                        original: message.original, detector: name)]
    }
}
