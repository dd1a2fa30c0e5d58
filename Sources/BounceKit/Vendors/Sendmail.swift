/// Sendmail-style reports whose delivery-status part is missing or broken: "----- The following addresses had permanent fatal errors -----", the session transcript below.
public struct SendmailDetector: TextReportDetector {
    public let name = "sendmail"

    public init() {}

    let layout = TextReport.Layout(replyCodeBeforeAddress: true)

    func recognises(_ message: IncomingMessage) -> Bool {
        message.leadContains("the following addresses had permanent fatal errors", "the following addresses had transient non-fatal errors", "----- transcript of session follows -----")
    }
}
