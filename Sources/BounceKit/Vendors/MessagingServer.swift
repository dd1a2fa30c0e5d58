/// Sun/Oracle Messaging Server: "This report relates to a message you sent with the following header fields:", recipients as `Recipient address: a@b` with `Reason:`.
public struct MessagingServerDetector: TextReportDetector {
    public let name = "messagingserver"

    public init() {}

    let layout = TextReport.Layout(start: ["your message cannot be delivered to the following recipients", "your message has been delayed", "the following recipients", "recipient address:"])

    func recognises(_ message: IncomingMessage) -> Bool {
        message.leadContains("this report relates to a message you sent with the following header fields")
    }
}
