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
        let message = report.message
        guard message.isFromMailSoftware, !HumanReplyDetector.isForward(message) else { return nil }
        if let inner = message.root.parts.lazy.compactMap(\.message).first,
           let findings = DeliveryStatusDetector().findings(in: IncomingMessage(inner)) {
            return findings
        }
        // Mail software saying the message was not delivered, naming nobody we can recover.
        return report.unnamedRecipientFindings(detector: name)
    }
}

extension IncomingMessage {
    /// From mail software: a daemon or postmaster address, or the null address (`"Name" <>`),
    /// which RFC 5321 §4.5.5 reserves for notifications so that none is answered.
    var isFromMailSoftware: Bool {
        AutomaticReplySignals.isFromMailSystem(from) || from.hasSuffix("<>")
    }

    /// Subjects (lowercase) with which mail software announces that a message was not delivered,
    /// in English and as Exchange localises its non-delivery reports ("Non remis", "Unzustellbar",
    /// "Non recapitabile", "Onbestelbaar", "No se puede entregar").
    var hasNonDeliverySubject: Bool {
        subjectContains("undeliver", "delivery fail", "failure notice", "returned mail", "delivery status notification",
                        "non-delivery", "not delivered", "could not be delivered", "non remis", "unzustellbar",
                        "non recapitabile", "onbestelbaar", "no se puede entregar", "nondeliverable")
    }

    /// From mail software, or a bounce's Subject or opening words: the least a text detector asks
    /// of a message before reading it as a bounce.
    static func looksLikeBounce(_ message: IncomingMessage) -> Bool {
        message.hasHeader("x-failed-recipients")
            || message.fromContains("mailer-daemon", "postmaster", "mail delivery", "mail administrator", "mailer_daemon",
                                    "mail system", "mmdf", "mail-daemon", "system administrator", "mdaemon@")
            || message.hasNonDeliverySubject
            || message.subjectContains("mail system error", "delivery notification", "failed delivery", "mail delivery",
                                       "delivery problem", "rejected", "returned to sender", "user unknown")
            || (message.isUnattended && message.leadContains(
                "could not be delivered", "couldn't be delivered", "was not delivered", "undeliverable", "delivery has failed",
                "unable to deliver", "permanent error", "delivery failed", "cannot be delivered"))
    }

    /// Sent by software no person answers: no From, the null sender, a no-reply mailbox, or
    /// `Auto-Submitted` (RFC 3834) — and no mailing-list header (RFC 2369), which a newsletter
    /// carries and a bounce does not. Only such a message is read as a bounce on its opening
    /// words alone ("your order could not be delivered?" in a shop's newsletter is no report).
    var isUnattended: Bool {
        guard !hasHeader("list-unsubscribe"), !hasHeader("list-id") else { return false }
        return from.isEmpty || isFromMailSoftware || AutomaticReplySignals.isAutoSubmitted(headers)
            || fromContains("no-reply", "noreply", "do-not-reply", "donotreply", "no_reply")
    }
}
