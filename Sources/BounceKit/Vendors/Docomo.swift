/// NTT docomo's returned mail (`docomo.ne.jp`).
public struct DocomoDetector: TextReportDetector {
    public let name = "docomo"

    public init() {}

    func recognises(_ message: IncomingMessage) -> Bool {
        message.looksLikeBounce && (message.fromContains("docomo.ne.jp"))
    }
}
