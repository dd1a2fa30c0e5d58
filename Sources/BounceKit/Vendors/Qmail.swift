/// qmail's and its relatives' "failure notice": "Hi. This is the qmail-send program", `<a@b>:` then the reason, the original after "--- Below this line is a copy of the message." https://cr.yp.to/qmail.html
public struct QmailDetector: TextReportDetector {
    public let name = "qmail"

    public init() {}

    func recognises(_ message: IncomingMessage) -> Bool {
        message.leadContains("qmail-send program", "this is the qmail", "i'm afraid i wasn't able to deliver your message", "i'm afraid i wasn't able to deliver")
            || message.headerContains("received", "invoked for bounce")
    }
}
