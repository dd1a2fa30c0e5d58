/// Lotus Notes SMTP MTA's "Undeliverable message": the reason under "------- Failure Reasons --------", then the address, the original after "------- Returned Message --------".
public struct NotesDetector: TextReportDetector {
    public let name = "notes"

    public init() {}

    func recognises(_ message: IncomingMessage) -> Bool {
        message.leadContains("------- failure reasons", "------- returned message")
    }

    /// The reason stands under "Failure Reasons", above the address.
    func findings(in report: TextReport) -> [Finding]? {
        let reason = report.lines(after: "failure reasons")
        return report.findings(detector: name, diagnostic: { TextReport.diagnostic(of: reason + $0.lines) })
    }
}
