/// Yahoo's bounces: qmail's layout, "Sorry, we were unable to deliver your message to the following address."
public struct YahooDetector: TextReportDetector {
    public let name = "yahoo"

    public init() {}

    func recognises(_ message: IncomingMessage) -> Bool {
        message.looksLikeBounce && (message.hasHeader("x-ymailisg") || message.leadContains("sorry, we were unable to deliver your message"))
    }
}
