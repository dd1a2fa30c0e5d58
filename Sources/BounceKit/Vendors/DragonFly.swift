/// DragonFly Mail Agent (dma): "There was an error delivering your mail to <a@b>.", then the remote host's words (`did not like our RCPT TO:`), the original after "Message headers follow."
public struct DragonFlyDetector: TextReportDetector {
    public let name = "dragonfly"

    public init() {}

    func recognises(_ message: IncomingMessage) -> Bool {
        message.leadContains("dragonfly mail agent", "there was an error delivering your mail to")
    }

    /// The remote host's words follow the line naming the recipient, which is boilerplate.
    func findings(in report: TextReport) -> [Finding]? {
        report.findings(detector: name, diagnostic: { block in
            TextReport.diagnostic(of: Array(block.lines.dropFirst())) ?? TextReport.diagnostic(of: block.lines)
        })
    }
}
