/// Exim's "Mail delivery failed" reports: the failed addresses indented under "The following address(es) failed:", each with the remote server's reply; the recipients also in `X-Failed-Recipients`. https://www.exim.org/exim-html-current/doc/html/spec_html/ch-message_processing.html
public struct EximDetector: TextReportDetector {
    public let name = "exim"

    public init() {}

    let layout = TextReport.Layout(start: ["following address(es) failed", "following address failed", "following addresses failed", "recipient addresses that were", "delivery to the following"])

    func recognises(_ message: IncomingMessage) -> Bool {
        message.hasHeader("x-failed-recipients")
            || message.leadContains("this message was created automatically by mail delivery software")
            || (message.fromContains("mailer-daemon") && message.subjectContains("mail delivery failed", "warning: message", "mail failure"))
    }
}
