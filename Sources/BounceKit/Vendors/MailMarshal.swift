/// Trustwave MailMarshal's "Undeliverable Mail": "Could not be delivered because of", then the reason and "The following recipients were affected:".
public struct MailMarshalDetector: TextReportDetector {
    public let name = "mailmarshal"

    public init() {}

    let layout = TextReport.Layout(start: ["recipients were affected"])

    func recognises(_ message: IncomingMessage) -> Bool {
        message.leadContains("could not be delivered because of") || message.headerContains("x-mailer", "mailmarshal")
    }

    /// The reason stands between "Could not be delivered because of" and the recipient list.
    func findings(in report: TextReport) -> [Finding]? {
        let reason = report.lines(after: "could not be delivered because of", until: "recipients were affected")
        return report.findings(detector: name, diagnostic: { TextReport.diagnostic(of: reason + $0.lines) })
    }
}
