/// SurfControl E-mail Filter (`X-Mailer: SurfControl`): "Addressed To: a@b" then the transcript.
public struct SurfControlDetector: TextReportDetector {
    public let name = "surfcontrol"

    public init() {}

    func recognises(_ message: IncomingMessage) -> Bool {
        message.headerContains("x-mailer", "surfcontrol")
    }
}
