/// GMX's bounces (`MAILER-DAEMON@*.gmx.*`): Exim's layout, addresses written `"a@b":`.
public struct GMXDetector: TextReportDetector {
    public let name = "gmx"

    public init() {}

    func recognises(_ message: IncomingMessage) -> Bool {
        message.looksLikeBounce && (message.fromContains("gmx."))
    }
}
