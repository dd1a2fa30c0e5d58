/// McAfee Email and Web Security appliances (`X-NAI-Header`): "--- The following addresses had delivery problems ---".
public struct McAfeeDetector: TextReportDetector {
    public let name = "mcafee"

    public init() {}

    func recognises(_ message: IncomingMessage) -> Bool {
        message.looksLikeBounce && (message.hasHeader("x-nai-header") || message.leadContains("the following addresses had delivery problems"))
    }
}
