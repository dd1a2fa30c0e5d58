/// Verizon Wireless (vzwpix.com, vtext.com) MMS/SMS gateway notices: the handset address in the original's To.
public struct VerizonDetector: TextReportDetector {
    public let name = "verizon"

    public init() {}

    func recognises(_ message: IncomingMessage) -> Bool {
        message.fromContains("vzwpix.com", "vtext.com", "verizon")
            && (message.looksLikeBounce || message.leadContains("invalid user address", "could not be delivered", "no valid recipients"))
    }

    /// The gateway states the error above the original's headers, whose `To:` is the handset.
    func findings(in report: TextReport) -> [Finding]? {
        let reason = report.lines.prefix { !RecipientLines.hasPrefixIgnoringCase($0, "original message") }
        return report.findings(detector: name, diagnostic: { TextReport.diagnostic(of: Array(reason) + $0.lines) })
    }
}
