/// A family of plain-text bounces (no `message/delivery-status` part), recognised by its own
/// headers, From, Subject or wording, and read with the shared `TextReport` machinery.
protocol TextReportDetector: ReportDetector {
    /// Where this family puts its recipients and where its report ends.
    var layout: TextReport.Layout { get }
    /// Whether `message` is of this family: cheap tests on headers and the start of the text.
    func recognises(_ message: IncomingMessage) -> Bool
    /// The findings in a report of this family; by default one per recipient block.
    func findings(in report: TextReport) -> [Finding]?
}

extension TextReportDetector {
    var layout: TextReport.Layout { TextReport.Layout() }

    /// A report of a recognised family that names no recoverable recipient still records the
    /// failure it states.
    func findings(in report: TextReport) -> [Finding]? {
        report.findings(detector: name) ?? report.unnamedRecipientFindings(detector: name)
    }

    public func findings(in message: IncomingMessage) -> [Finding]? {
        guard recognises(message) else { return nil }
        return findings(in: TextReport(message, layout: layout))
    }
}
