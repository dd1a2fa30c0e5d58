/// Postfix notices without a delivery-status part (old Postfix, or the part lost in transit): "This is the Postfix program" / "This is the mail system at host", `<a@b>: host x said: …`. http://www.postfix.org/bounce.5.html
public struct PostfixDetector: TextReportDetector {
    public let name = "postfix"

    public init() {}

    func recognises(_ message: IncomingMessage) -> Bool {
        message.leadContains("this is the postfix program", "this is the mail system at host", "i'm sorry to have to inform you that")
            || message.subjectContains("undelivered mail returned to sender")
    }
}
