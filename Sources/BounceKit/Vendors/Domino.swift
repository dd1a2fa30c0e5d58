/// Lotus/HCL Domino's "DELIVERY FAILURE" reports: "was not delivered to:", the address indented, "because:" then the reason.
public struct DominoDetector: TextReportDetector {
    public let name = "domino"

    public init() {}

    let layout = TextReport.Layout(start: ["was not delivered to"])

    func recognises(_ message: IncomingMessage) -> Bool {
        message.subjectContains("delivery failure:", "delivery report:") && message.leadContains("was not delivered to")
    }
}
