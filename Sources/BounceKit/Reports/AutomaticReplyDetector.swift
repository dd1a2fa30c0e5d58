import MailModel

/// Out-of-office and other automatic replies (RFC 3834; `X-Autoreply`, `Precedence: auto_reply`,
/// Exchange's `Automatic reply:` subjects, vacation wording). Never a failure: the recipient's
/// system answered, so the message arrived. The recipient is the auto-reply's sender.
public struct AutomaticReplyDetector: ReportDetector {
    public let name = "auto-reply"

    public init() {}

    public func findings(in message: IncomingMessage) -> [Finding]? {
        guard !AutomaticReplySignals.isFromMailSystem(message.from) else { return nil }
        let headers = message.headers
        let subject = SearchText(message.subject)
        let strong = AutomaticReplySignals.hasReplyHeader(headers)
            || AutomaticReplySignals.subjectPhrases.contains { subject.contains($0) }
        guard strong || AutomaticReplySignals.isAutoSubmitted(headers) else { return nil }
        if !strong, let body = message.textParts.first, ChallengeDetector.isChallenge(SearchText(body)) {
            return nil  // a challenge-response request: the next detector's.
        }
        let replier = Address.list(headers["from"] ?? "").first
        return [Finding(kind: .autoReply, recipient: replier, reason: .vacation,
                        diagnostic: message.textParts.first.map(Self.excerpt), original: message.original,
                        detector: name)]
    }

    /// The reply's first words, white space folded: enough for support staff to see the return date.
    static func excerpt(_ text: String) -> String {
        String(text.split(whereSeparator: \.isWhitespace).joined(separator: " ").prefix(200))
    }
}
