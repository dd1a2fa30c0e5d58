/// OpenSMTPD's notifications: "This is the MAILER-DAEMON, please DO NOT REPLY", one `a@b: reason` line per recipient.
public struct OpenSMTPDDetector: TextReportDetector {
    public let name = "opensmtpd"

    public init() {}

    func recognises(_ message: IncomingMessage) -> Bool {
        message.leadContains("this is the mailer-daemon, please do not reply", "an error has occurred while attempting to deliver a message")
            || message.subjectContains("delivery status notification: error", "delivery status notification: warning")
    }
}
