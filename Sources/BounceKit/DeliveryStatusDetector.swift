/// Reads RFC 3464 delivery status notifications: any `message/delivery-status` part, wherever it
/// sits, gives one finding per recipient group. RFC 3464 §2, RFC 3462 (multipart/report).
public struct DeliveryStatusDetector: ReportDetector {
    public let name = "rfc3464"

    public init() {}

    public func findings(in message: IncomingMessage) -> [Finding]? {
        guard !message.deliveryStatusTexts.isEmpty else { return nil }
        let original = message.original
        // The session transcript names the command the reply answered: read once per message, and
        // only when a recipient's own diagnostic names none (most do).
        var transcriptRead: SMTPCommand??
        func transcriptCommand() -> SMTPCommand? {
            if let read = transcriptRead { return read }
            let command = message.textParts.lazy.compactMap(SMTPCommand.last(in:)).first
            transcriptRead = .some(command)
            return command
        }
        var findings: [Finding] = []
        let reports = message.deliveryStatusTexts.map(DeliveryStatus.parse)
        let recipientCount = reports.reduce(0) { $0 + $1.recipients.count }
        for report in reports {
            for recipient in report.recipients {
                var finding = finding(for: recipient, in: report, message: message, original: original,
                                      transcriptCommand: transcriptCommand)
                finding.recipient = Self.usableRecipient(finding.recipient, original: recipient.originalRecipient,
                                                         message: message, recipientCount: recipientCount)
                findings.append(finding)
            }
        }
        return findings.isEmpty ? nil : findings
    }

    func finding(for fields: DeliveryStatus.PerRecipientFields, in report: DeliveryStatus, message: IncomingMessage,
                 original: OriginalMessage?, transcriptCommand: () -> SMTPCommand?) -> Finding {
        let diagnostic = (fields.diagnosticCode.map { HumanReadableText.fullReply(startingWith: $0, in: message.textParts) ?? $0 }
            ?? fields.recipient.flatMap { HumanReadableText.diagnostic(for: $0, in: message.textParts) })
            .map { DiagnosticText.normalized(MIMEDebris.removed(from: $0)) }
        let status = Self.effectiveStatus(fields.status, diagnostic: diagnostic)
        let replyCode = diagnostic.flatMap { ReplyCode.first(in: $0) }
        let reportedAction = fields.action ?? Self.impliedAction(status: status, replyCode: replyCode)
        let action = Self.finalAction(reportedAction, fields: fields, diagnostic: diagnostic)
        let command = diagnostic.flatMap(SMTPCommand.last(in:)) ?? transcriptCommand()
        let evidence = Evidence(action: action, status: status, replyCode: replyCode, diagnostic: diagnostic,
                                diagnosticType: fields.diagnosticType, command: command, remoteMTA: fields.remoteMTA,
                                recipient: fields.recipient, reportingMTA: report.perMessage.reportingMTA)
        let decision = ReasonDecider.decide(evidence)
        let kind = Finding.Kind.of(decision, action: action)
        var finding = Finding(
            kind: kind, recipient: fields.recipient, reason: decision.reason,
            hard: kind == .bounce && decision.reason.isHard(permanent: status?.isPermanent ?? replyCode?.isPermanent ?? true),
            status: status, replyCode: replyCode, action: reportedAction, diagnostic: diagnostic,
            remoteMTA: fields.remoteMTA, reportingMTA: report.perMessage.reportingMTA,
            envelopeID: report.perMessage.originalEnvelopeID, original: original, detector: name,
            originalRecipient: fields.originalRecipient)
        finding.apply(decision)
        if action != reportedAction, !finding.trace.isEmpty {
            finding.trace.insert("action: the report says \(reportedAction ?? "none") but names no later retry and its words say "
                                 + "the queue gave up: read as failed", at: 0)
        }
        return finding
    }

    /// The status the report shows for the recipient: the remote server's own code when the
    /// diagnostic quotes one that is specific (its detail is not 0) — the reporting MTA's Status
    /// summarises (Sendmail writes 4.4.7 for any expiry, Exim 5.0.0 for any failure) — else the
    /// Status field. Always a code written in the report: an expired delivery whose remote said
    /// 4.7.1 while Exim wrote 5.0.0 is 4.7.1, not a 5.7.1 nobody wrote.
    static func effectiveStatus(_ status: StatusCode?, diagnostic: String?) -> StatusCode? {
        guard let diagnostic, let quoted = StatusCode.all(in: diagnostic).first(where: { !$0.isGeneric }) else { return status }
        guard let status, !status.isGeneric else { return quoted }
        return quoted.detail != 0 ? quoted : status
    }

    /// Words that say a delivery is over because its time ran out.
    static let expiryEnds: [Phrase] = ["envelope expired", "message expired", "delivery time expired", "not going to try again",
                                       "giving up", "given up", "retry timeout exceeded"]

    /// `delayed` where the report's own words say the queue gave up and it names no later retry
    /// (no Will-Retry-Until): OpenSMTPD writes its expiry bounce ("Envelope expired", 4.4.7) with
    /// the action of its temporary status class. Any other action as given.
    static func finalAction(_ action: String?, fields: DeliveryStatus.PerRecipientFields, diagnostic: String?) -> String? {
        guard action == "delayed", fields.willRetryUntil == nil, let diagnostic else { return action }
        let text = SearchText(diagnostic)
        return expiryEnds.contains(where: text.contains) ? "failed" : action
    }

    /// The action when the report gives none: from the status class.
    static func impliedAction(status: StatusCode?, replyCode: ReplyCode?) -> String? {
        switch status?.class ?? replyCode.map({ $0.value / 100 }) {
        case 2: return "delivered"
        case 4: return "delayed"
        case 5: return "failed"
        default: return nil
        }
    }
}
