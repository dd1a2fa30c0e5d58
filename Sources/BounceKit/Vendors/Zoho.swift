/// Zoho Mail's bounces: `X-ZohoMail` header, one `a@b Invalid Address, ERROR_CODE :550` line per recipient.
public struct ZohoDetector: TextReportDetector {
    public let name = "zoho"

    public init() {}

    func recognises(_ message: IncomingMessage) -> Bool {
        message.looksLikeBounce && (message.hasHeader("x-zohomail") || message.fromContains("zoho"))
    }
}
