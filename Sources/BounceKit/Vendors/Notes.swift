/// Lotus Notes SMTP MTA's "Undeliverable message": the reason under "------- Failure Reasons --------", then the address, the original after "------- Returned Message --------".
public struct NotesDetector: TextReportDetector {
    public let name = "notes"

    public init() {}

    func recognises(_ message: IncomingMessage) -> Bool {
        message.leadContains("------- failure reasons", "------- returned message")
    }
}
