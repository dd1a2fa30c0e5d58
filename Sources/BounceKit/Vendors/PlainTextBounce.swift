/// The fallback for plain-text bounces no specific detector claims: a message from mail software
/// (`MAILER-DAEMON`, `postmaster`, "Mail Delivery System") or with a bounce's Subject, read with
/// the shared recipient and diagnostic rules. Tried last.
public struct PlainTextBounceDetector: TextReportDetector {
    public let name = "plaintext"

    public init() {}

    func recognises(_ message: IncomingMessage) -> Bool {
        message.looksLikeBounce
    }

    /// A report naming no recipient may forward another bounce as its attachment (Sisimai's X5):
    /// then that bounce's delivery-status part speaks — but only when mail software sent the
    /// wrapper. A person forwarding a bounce as an attachment ("Fwd: Undelivered Mail") shows us
    /// someone else's failure, not one of ours.
    func findings(in report: TextReport) -> [Finding]? {
        if let findings = report.findings(detector: name) { return findings }
        guard AutomaticReplySignals.isFromMailSystem(report.message.from), !HumanReplyDetector.isForward(report.message),
              let inner = report.message.root.parts.lazy.compactMap(\.message).first else { return nil }
        return DeliveryStatusDetector().findings(in: IncomingMessage(inner))
    }
}

extension IncomingMessage {
    /// From mail software, or a bounce's Subject or opening words: the least a text detector asks
    /// of a message before reading it as a bounce.
    static func looksLikeBounce(_ message: IncomingMessage) -> Bool {
        message.hasHeader("x-failed-recipients")
            || message.fromContains("mailer-daemon", "postmaster", "mail delivery", "mail administrator", "mailer_daemon",
                                    "mail system", "mmdf", "mail-daemon", "system administrator")
            || message.subjectContains("undeliver", "delivery fail", "failure notice", "returned mail", "delivery status notification",
                                       "mail system error", "non-delivery", "delivery failure", "not delivered", "delivery notification",
                                       "failed delivery", "mail delivery", "delivery problem", "nondeliverable", "rejected", "returned to sender")
            || message.leadContains("could not be delivered", "couldn't be delivered", "was not delivered", "undeliverable",
                                    "delivery has failed", "unable to deliver", "permanent error", "delivery failed")
    }
}
