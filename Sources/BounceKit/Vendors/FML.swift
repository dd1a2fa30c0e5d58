/// The fml mailing list manager's refusals (`X-MLServer: fml`): the list address is the recipient.
public struct FMLDetector: TextReportDetector {
    public let name = "fml"

    public init() {}

    func recognises(_ message: IncomingMessage) -> Bool {
        message.headerContains("x-mlserver", "fml")
    }

    /// The refusal names the list first (`… this mailing list <list@host>.`); addresses after it are
    /// the list's command and admin addresses.
    func findings(in report: TextReport) -> [Finding]? {
        let own = Set([report.message.headers["to"], report.message.headers["from"]].compactMap { $0 }
            .flatMap { RecipientLines.addresses(in: Substring($0)) }.map { $0.lowercased() })
        guard let list = report.lines.lazy.flatMap({ RecipientLines.addresses(in: $0) })
            .first(where: { !own.contains($0.lowercased()) && !RecipientLines.isDaemon($0) }) else { return nil }
        return report.findings(detector: name, blocks: [TextReport.Block(recipient: list, lines: report.lines)])
    }
}
