/// Reads RFC 3464 delivery status notifications: any `message/delivery-status` part, wherever it
/// sits, gives one finding per recipient group. RFC 3464 §2, RFC 3462 (multipart/report).
public struct DeliveryStatusDetector: ReportDetector {
    public let name = "rfc3464"

    public init() {}

    public func findings(in message: IncomingMessage) -> [Finding]? {
        guard !message.deliveryStatusTexts.isEmpty else { return nil }
        let original = message.original
        // The session transcript names the command the reply answered; read it once per message.
        let transcriptCommand = message.textParts.lazy.compactMap(SMTPCommand.last(in:)).first
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
                 original: OriginalMessage?, transcriptCommand: SMTPCommand?) -> Finding {
        let diagnostic = (fields.diagnosticCode.map { HumanReadableText.fullReply(startingWith: $0, in: message.textParts) ?? $0 }
            ?? fields.recipient.flatMap { HumanReadableText.diagnostic(for: $0, in: message.textParts) })
            .map(DiagnosticText.normalized)
        let status = Self.effectiveStatus(fields.status, diagnostic: diagnostic)
        let replyCode = diagnostic.flatMap { ReplyCode.first(in: $0) }
        let action = fields.action ?? Self.impliedAction(status: status, replyCode: replyCode)
        let command = diagnostic.flatMap(SMTPCommand.last(in:)) ?? transcriptCommand
        let evidence = Evidence(action: action, status: status, replyCode: replyCode, diagnostic: diagnostic,
                                diagnosticType: fields.diagnosticType, command: command, remoteMTA: fields.remoteMTA,
                                recipient: fields.recipient, reportingMTA: report.perMessage.reportingMTA)
        let decision = ReasonDecider.decide(evidence)
        let kind = Finding.Kind.of(decision, action: action)
        var finding = Finding(
            kind: kind, recipient: fields.recipient, reason: decision.reason,
            hard: kind == .bounce && decision.reason.isHard(permanent: status?.isPermanent ?? replyCode?.isPermanent ?? true),
            status: status, replyCode: replyCode, action: action, diagnostic: diagnostic,
            remoteMTA: fields.remoteMTA, reportingMTA: report.perMessage.reportingMTA,
            envelopeID: report.perMessage.originalEnvelopeID, original: original, detector: name,
            originalRecipient: fields.originalRecipient)
        finding.apply(decision)
        return finding
    }

    /// RFC 3464 §2.3.4's Status, unless it is generic (`5.0.0`, as Exim writes) or absent and the
    /// diagnostic carries a specific code: then the specific one, in the Status's class.
    static func effectiveStatus(_ status: StatusCode?, diagnostic: String?) -> StatusCode? {
        guard let diagnostic, let specific = StatusCode.all(in: diagnostic).first(where: { !$0.isGeneric }),
              specific != status else { return status }
        guard let status else { return specific }
        return specific.withClass(status.class) ?? specific
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
