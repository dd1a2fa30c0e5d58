/// Microsoft Exchange 2000/2003 (Internet Mail Service, IMC) non-delivery reports: "did not reach the following recipient(s):", `a@b on <date>` then the reason and an `MSEXCH:` code.
public struct Exchange2003Detector: TextReportDetector {
    public let name = "exchange2003"

    public init() {}

    let layout = TextReport.Layout(start: ["did not reach the following recipient", "could not be reached"])

    func recognises(_ message: IncomingMessage) -> Bool {
        message.headerContains("x-mailer", "internet mail service", "microsoft exchange server internet mail connector")
            || message.leadContains("did not reach the following recipient", "the following recipient(s) could not be reached", "msexch:")
    }
}
