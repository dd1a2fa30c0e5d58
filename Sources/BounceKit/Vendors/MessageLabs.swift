/// Symantec MessageLabs (Email Security.cloud): `X-Msg-Ref` header, "Delivery to the following recipients failed" / "could not be delivered to the following recipients".
public struct MessageLabsDetector: TextReportDetector {
    public let name = "messagelabs"

    public init() {}

    func recognises(_ message: IncomingMessage) -> Bool {
        message.looksLikeBounce && (message.hasHeader("x-msg-ref") || message.fromContains("messagelabs"))
    }
}
