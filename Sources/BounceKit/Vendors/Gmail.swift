/// Gmail's own bounces and delay notices (`mailer-daemon@googlemail.com`): "Delivery to the following recipient failed permanently" / "has been delayed", then the remote server's reply.
public struct GmailDetector: TextReportDetector {
    public let name = "gmail"

    public init() {}

    func recognises(_ message: IncomingMessage) -> Bool {
        message.fromContains("@googlemail.com", "@google.com", "@gmail.com") && (message.fromContains("mailer-daemon") || message.subjectContains("delivery status notification"))
    }
}
