import MailModel

/// Challenge-response verification requests (Spam Arrest, Boxbe, Sendio, MailWasher and home-made
/// ones): the recipient's filter holds our message until the sender proves to be a person. Not a
/// failure; the reason is `onhold` because delivery waits on the sender.
public struct ChallengeDetector: ReportDetector {
    public let name = "challenge"

    public init() {}

    static let services: [Phrase] = ["spamarrest", "spam arrest", "boxbe", "sendio", "mailwasher", "bluebottle",
                                     "choicemail", "qurb", "mailblocks", "knowspam", "earthlink spamblocker"]
    static let requests: [Phrase] = [
        "verify that you are a human", "verify you are a human", "prove you are a human", "confirm that you are a human",
        "confirm your message", "verify your message", "confirm your email", "verify your email address to deliver",
        "please confirm that you sent", "awaiting your verification", "held pending verification",
        "requires verification", "sender verification request", "click the link below to confirm",
        "click the link below to verify", "to complete delivery of your message", "to have your message delivered",
        "approved senders list", "add you to my approved", "challenge-response",
    ]

    public func findings(in message: IncomingMessage) -> [Finding]? {
        guard !AutomaticReplySignals.isFromMailSystem(message.from) else { return nil }
        let body = SearchText(message.textParts.prefix(2).joined(separator: "\n") + "\n" + message.subject)
        guard Self.isChallenge(body) else { return nil }
        // The headers are searched for a service's name only when nothing cheaper decided.
        guard AutomaticReplySignals.isAutoSubmitted(message.headers) || body.contains("confirm") || body.contains("verif")
                || Self.isFromService(message.headers) else { return nil }
        let challenger = Address.list(message.headers["from"] ?? "").first
        return [Finding(kind: .challenge, recipient: challenger, reason: .onhold,
                        diagnostic: message.textParts.first.map(AutomaticReplyDetector.excerpt),
                        original: message.original, detector: name)]
    }

    static func isFromService(_ headers: HeaderFields) -> Bool {
        let text = SearchText(headers.map { $0.key + ":" + $0.value }.joined(separator: "\n"))
        return services.contains { text.contains($0) }
    }

    static func isChallenge(_ text: SearchText) -> Bool {
        requests.contains { text.contains($0) }
    }
}
