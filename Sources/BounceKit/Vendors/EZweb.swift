/// au (KDDI) EZweb's "Mail System Error - Returned Mail" (`Postmaster@ezweb.ne.jp`): recipients as `<a@b>` or `Recipient: <a@b>`, reasons partly in Japanese.
public struct EZwebDetector: TextReportDetector {
    public let name = "ezweb"

    public init() {}

    func recognises(_ message: IncomingMessage) -> Bool {
        message.looksLikeBounce && (message.fromContains("ezweb.ne.jp", "au.com"))
    }

    /// The reason may stand above the address (`The user(s) account is disabled.`).
    func findings(in report: TextReport) -> [Finding]? {
        let preface = report.lines.prefix { !($0.utf8Contains(0x40) && RecipientLines.leadingAddress(in: $0) != nil) }
        return report.findings(detector: name, diagnostic: { block in
            TextReport.diagnostic(of: block.lines) ?? TextReport.diagnostic(of: Array(preface.suffix(6)))
        })
    }
}
