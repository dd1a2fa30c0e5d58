/// Active!hunter's bounces: `X-AHMAILID`, Sendmail's layout with `>>> a@b <a@b>` recipient lines.
public struct ActiveHunterDetector: TextReportDetector {
    public let name = "activehunter"

    public init() {}

    let layout = TextReport.Layout(replyCodeBeforeAddress: true)

    func recognises(_ message: IncomingMessage) -> Bool {
        message.hasHeader("x-ahmailid")
    }
}
