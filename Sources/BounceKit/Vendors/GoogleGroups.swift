/// Google Groups' refusals to post: from Google's mailer-daemon, the group named in `X-Failed-Recipients`, the reason only in (often localised) prose.
public struct GoogleGroupsDetector: TextReportDetector {
    public let name = "googlegroups"

    public init() {}

    func recognises(_ message: IncomingMessage) -> Bool {
        message.headerContains("x-failed-recipients", "googlegroups.com")
            || (message.fromContains("google") && message.leadContains("groups.google.com", "google groups"))
    }

    /// The group is the recipient; the text greets the sender, whose address is no recipient.
    func findings(in report: TextReport) -> [Finding]? {
        let diagnostic = TextReport.diagnostic(of: report.paragraphAfterStart())
        let findings = report.headerRecipients.map { group in
            report.finding(recipient: group, diagnostic: diagnostic, status: nil, action: "failed", remoteMTA: nil, detector: name)
        }
        return findings.isEmpty ? nil : findings
    }
}
