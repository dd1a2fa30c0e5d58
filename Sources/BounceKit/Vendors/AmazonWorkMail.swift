/// Amazon WorkMail (`X-Mailer: Amazon WorkMail`): the recipient list, then a delivery-status "Technical report" inside the text part.
public struct AmazonWorkMailDetector: TextReportDetector {
    public let name = "amazonworkmail"

    public init() {}

    func recognises(_ message: IncomingMessage) -> Bool {
        message.headerContains("x-mailer", "amazon workmail")
    }
}
