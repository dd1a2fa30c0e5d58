/// Old Sendmail (V5, 8.x without DSN): "----- Transcript of session follows -----" then `550 <a@b>... reason` lines, the original after "----- Unsent message follows -----".
public struct V5SendmailDetector: TextReportDetector {
    public let name = "v5sendmail"

    public init() {}

    let layout = TextReport.Layout(start: ["transcript of session follows"], end: ["----- unsent message follows -----", "----- original message follows -----"], replyCodeBeforeAddress: true)

    func recognises(_ message: IncomingMessage) -> Bool {
        message.leadContains("----- unsent message follows -----", "----- original message follows -----") && message.leadContains("transcript of session follows")
    }
}
