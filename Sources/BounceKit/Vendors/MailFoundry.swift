/// MailFoundry's "Message delivery has failed": "Unable to deliver message to: <a@b>", "Delivery failed for the following reason:".
public struct MailFoundryDetector: TextReportDetector {
    public let name = "mailfoundry"

    public init() {}

    func recognises(_ message: IncomingMessage) -> Bool {
        message.leadContains("unable to deliver message to:") && message.leadContains("delivery failed for the following reason")
    }
}
