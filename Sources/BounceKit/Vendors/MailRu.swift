/// Mail.Ru's bounces: Exim's layout under a Russian preamble, from `mailer-daemon@*.mail.ru`.
public struct MailRuDetector: TextReportDetector {
    public let name = "mailru"

    public init() {}

    func recognises(_ message: IncomingMessage) -> Bool {
        message.looksLikeBounce && (message.fromContains("mail.ru") || message.leadContains("mail.ru"))
    }
}
