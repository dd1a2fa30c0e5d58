/// Trustwave MailMarshal's "Undeliverable Mail": "Could not be delivered because of", then the reason and "The following recipients were affected:".
public struct MailMarshalDetector: TextReportDetector {
    public let name = "mailmarshal"

    public init() {}

    let layout = TextReport.Layout(start: ["recipients were affected"])

    func recognises(_ message: IncomingMessage) -> Bool {
        message.leadContains("could not be delivered because of") || message.headerContains("x-mailer", "mailmarshal")
    }
}
