/// The Courier mail server's "NOTICE: mail delivery status.": "running the Courier mail server", then `<a@b>:` and the transcript. https://www.courier-mta.org/
public struct CourierDetector: TextReportDetector {
    public let name = "courier"

    public init() {}

    func recognises(_ message: IncomingMessage) -> Bool {
        message.leadContains("courier mail server") || message.subjectContains("notice: mail delivery status")
    }
}
