/// Ipswitch IMail (`X-Mailer: <SMTP32 …>`): "Unknown user: a@b" and similar one-line reasons, the original after "Original message follows."
public struct IMailDetector: TextReportDetector {
    public let name = "imailserver"

    public init() {}

    func recognises(_ message: IncomingMessage) -> Bool {
        message.headerContains("x-mailer", "smtp32")
    }
}
