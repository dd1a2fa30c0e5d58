/// au one net (KDDI, `dion.ne.jp`) error notices: the reason in Japanese, the failing address in the server's words.
public struct KDDIDetector: TextReportDetector {
    public let name = "kddi"

    public init() {}

    func recognises(_ message: IncomingMessage) -> Bool {
        message.looksLikeBounce && (message.fromContains("dion.ne.jp", "kddi"))
    }
}
