/// McAfee MXLogic's bounces (`MAILER-DAEMON@*.mxlogic.net`): Exim's layout.
public struct MXLogicDetector: TextReportDetector {
    public let name = "mxlogic"

    public init() {}

    func recognises(_ message: IncomingMessage) -> Bool {
        message.looksLikeBounce && (message.fromContains("mxlogic") || message.leadContains("mxlogic"))
    }
}
