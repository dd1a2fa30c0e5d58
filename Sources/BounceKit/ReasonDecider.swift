/// Decides a finding's reason from the evidence about one recipient, most specific first: the
/// receiving provider's own meaning of its reply (`ProviderRules`), unmistakable phrases, a status
/// code precise on its own, the diagnostic's general wording (checked against the SMTP command
/// it answered), what the status code suggests, and last the reply code.
public enum ReasonDecider {
    public static func decide(_ evidence: Evidence) -> Reason {
        let diagnostic = SearchText(evidence.diagnostic ?? "")
        if evidence.diagnosticType == "x-unix" {
            if ReasonPhrases.matchStrong(diagnostic) == .mailboxfull { return .mailboxfull }
            // A local delivery program (pipe, procmail) failed; the "diagnostic" is its exit code.
            return localExitReason(evidence.diagnostic)
        }
        switch evidence.action {
        case "delivered", "relayed", "expanded":
            return .delivered
        default:
            break
        }
        if let rule = evidence.providerRule(text: diagnostic) {
            // The receiver's own meaning of its reply comes before any general reading.
            return rule.reason
        }
        switch evidence.action {
        case "delayed":
            // A delay notice: delivery is still being tried. The reason is the cause the text
            // names (a full mailbox, a network failure, …); a notice naming none is filed under
            // `expired`, the reference taxonomy's convention.
            if let reason = ReasonPhrases.matchStrong(diagnostic) { return reason }
            if ReasonPhrases.matchGeneral(diagnostic) == .networkerror { return .networkerror }
            return .expired
        default:
            break
        }
        if let reason = ReasonPhrases.matchStrong(diagnostic) {
            return ruledOutByCommand(reason, evidence)
        }
        if let status = evidence.status, !status.isGeneric, let reason = StatusReasons.decisive(status) {
            return reason
        }
        let general = ReasonPhrases.matchGeneral(diagnostic).map { refine($0, evidence) }
        if evidence.action == "failed", evidence.status?.isTransient ?? evidence.replyCode?.isTransient ?? false,
           general == .networkerror || (general == nil && !(evidence.diagnostic ?? "").isEmpty && evidence.replyCode == nil) {
            // Failed with a transient code: the queue lifetime ran out (Postfix, Sendmail, Gmail
            // write this) while the last attempt met a connection problem or no stated cause.
            return .expired
        }
        if let general {
            return general
        }
        if let status = evidence.status, !status.isGeneric, let reason = StatusReasons.fallback(status) {
            return reason
        }
        if let status = evidence.status, status.class == 2 { return .delivered }
        return .onhold
    }

    /// A local delivery program's exit status, by `<sysexits.h>`: EX_NOUSER (67) and EX_NOHOST
    /// (68) name the address; EX_NOPERM (77) is the receiving system's; the rest are the mailer's.
    static func localExitReason(_ diagnostic: String?) -> Reason {
        let code = diagnostic.flatMap { Int($0.prefix { $0.isNumber }) }
        switch code {
        case 67: return .userunknown
        case 68: return .hostunknown
        case 77: return .systemerror
        default: return .mailererror
        }
    }

    /// General wording read against the command it answered. "Unknown user" is the address's
    /// fault only as the answer to RCPT or with an address status (x.1.x); said to the message
    /// content (after DATA), or with no sign of either, it is a filter refusing this sender
    /// (Sisimai reads it the same way).
    private static func refine(_ reason: Reason, _ evidence: Evidence) -> Reason {
        let reason = ruledOutByCommand(reason, evidence)
        guard reason == .userunknown, evidence.command != .rcpt else { return reason }
        if evidence.command == .data || evidence.status?.subject != 1 { return .filtered }
        return reason
    }

    /// A refusal at connection or greeting comes before any recipient was named: the sending host
    /// is blocked. One at MAIL FROM concerns the sender's address, whatever its wording.
    static func ruledOutByCommand(_ reason: Reason, _ evidence: Evidence) -> Reason {
        switch evidence.command {
        case .connect?, .helo?:
            if recipientSide.contains(reason) || reason == .rejected { return .blocked }
        case .mail?:
            if recipientSide.contains(reason) { return .rejected }
        default:
            break
        }
        return reason
    }

    /// Reasons about the recipient's address or mailbox, which a reply can give only once a
    /// recipient was named.
    private static let recipientSide: Set<Reason> = [.userunknown, .hostunknown, .mailboxfull, .suspend, .filtered, .hasmoved]
}
