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

    /// Characters kept of a reply's text.
    static let excerptLength = 200

    /// The reply's first words, white space folded: enough for support staff to see the return
    /// date. Reads only as far as the excerpt reaches, however long the body.
    static func excerpt(_ text: String) -> String {
        var excerpt = ""
        var count = 0
        var spacePending = false
        for character in text {
            if character.isWhitespace {
                spacePending = count > 0
                continue
            }
            if spacePending {
                excerpt.append(" ")
                count += 1
                spacePending = false
                if count == excerptLength { break }
            }
            excerpt.append(character)
            count += 1
            if count == excerptLength { break }
        }
        return excerpt
    }
}
