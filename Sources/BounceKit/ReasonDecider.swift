/// Decides a finding's reason from the evidence about one recipient by one fixed precedence, the
/// same for every detector, recording each step:
///
/// 1. The outcome: a success action (`delivered`, `relayed`, `expanded`, `deliverable`), or a
///    2.x.x status outside a delay notice, means the message arrived (RFC 3464 §2.3.3, RFC 3463
///    §3.1); nothing else is read.
/// 2. A local delivery program's exit code (`x-unix`, `<sysexits.h>`).
/// 3. The receiving provider's own meaning of its reply (`ProviderRules`).
/// 4. A delay notice: the cause its words name, else `expired` (still being retried).
/// 5. Specific words (`reason-phrases.tsv`, tier specific, first row in file order that matches),
///    checked against the SMTP command they answered: they beat any status code.
/// 6. A status code precise on its own (x.1.1, x.2.2, …; `StatusReasons.decisive`).
/// 7. Expiry: a failure whose last reply was temporary, or that names a delivery time limit, with no
///    lasting cause named, ran out of retries (RFC 3463 x.4.7).
/// 8. General words (tier general), checked against the command.
/// 9. A refusal at connection or HELO with no words to say why: the sending host is blocked.
/// 10. What a specific status code suggests (`StatusReasons.fallback`); a generic one (x.0.0)
///    suggests nothing, and a reply code never names a reason.
/// 11. Otherwise `onhold`: not enough to decide.
public enum ReasonDecider {
    /// Whether decisions keep their steps (`BounceClassifier.recordsSteps` sets it).
    @TaskLocal public static var recordsSteps = false

    public static func decide(_ evidence: Evidence) -> ReasonDecision {
        let decision = byPrecedence(evidence)
        guard decision.reason == .hostunknown, let domain = evidence.reportersOwnDomain else { return decision }
        // A server does not fail to find its own domain: an address there that does not route
        // (Exim's "Unrouteable address" for an unknown local user) names an unknown local part.
        let rule = "\(decision.rule), but \(domain) is the reporting server's own domain: its local part is unknown"
        return ReasonDecision(reason: .userunknown, rule: rule,
                              steps: decision.steps.isEmpty ? [] : decision.steps + ["→ userunknown: \(rule)"],
                              providerRule: decision.providerRule)
    }

    private static func byPrecedence(_ evidence: Evidence) -> ReasonDecision {
        var trace = DecisionTrace(recording: recordsSteps)
        trace.note(evidence.summary)
        let diagnostic = ReasonPhrases.searchable(evidence.diagnostic ?? "")

        if let success = successSignal(evidence) {
            trace.note("outcome: \(success): the message arrived")
            return trace.decided(.delivered, by: "outcome \(success)")
        }
        trace.note("outcome: not a success")

        if evidence.diagnosticType == "x-unix" {
            if let entry = ReasonPhrases.match(diagnostic, tier: .specific), entry.reason == .mailboxfull {
                return trace.decided(.mailboxfull, by: entry.ruleName)
            }
            let code = evidence.diagnostic.flatMap { Int($0.prefix { $0.isNumber }) }
            return trace.decided(localExitReason(code), by: "local program exit code \(code.map(String.init) ?? "none") (sysexits.h)")
        }

        if let index = evidence.providerRuleIndex(text: diagnostic) {
            let rule = ProviderRules.rules[index]
            let provider = rule.provider?.rawValue ?? "third party"  // the case name, without reflection
            return trace.decided(rule.reason, by: "provider rule #\(index) (\(provider))", providerRule: index)
        }
        trace.note("provider rules: none matched")

        let specific = ReasonPhrases.match(diagnostic, tier: .specific)
        if evidence.action == "delayed" {
            if let specific {
                return trace.decided(specific.reason, by: specific.ruleName + ", in a delay notice")
            }
            if let general = ReasonPhrases.match(diagnostic, tier: .general), general.reason == .networkerror {
                return trace.decided(.networkerror, by: general.ruleName + ", in a delay notice")
            }
            return trace.decided(.expired, by: "a delay notice naming no cause: still being retried")
        }

        if let specific {
            return decided(by: specific, readAs: ruledOutByCommand(specific.reason, evidence), evidence, &trace)
        }
        trace.note("specific phrases: none")

        if let status = evidence.status, !status.isGeneric, let reason = StatusReasons.decisive(status) {
            return trace.decided(reason, by: "status \(status) (RFC 3463)")
        }
        trace.note("status: \(evidence.status.map { "\($0) names no reason by itself" } ?? "none")")

        let generalEntry = ReasonPhrases.match(diagnostic, tier: .general)
        if let expiry = expirySignal(evidence, general: generalEntry) {
            return trace.decided(.expired, by: expiry)
        }

        if let generalEntry {
            return decided(by: generalEntry, readAs: refine(generalEntry.reason, evidence), evidence, &trace)
        }
        trace.note("general phrases: none")

        if evidence.command == .connect || evidence.command == .helo {
            // RFC 5321 §3.1, §4.3.2: refused at the greeting or HELO, before any sender or
            // recipient was named, the receiver refuses the sending host itself.
            return trace.decided(.blocked, by: "refused at \(commandName(evidence)), before any recipient (RFC 5321 §3.1)")
        }

        if let status = evidence.status, !status.isGeneric, let reason = StatusReasons.fallback(status) {
            return trace.decided(reason, by: "status \(status), read by its subject (RFC 3463)")
        }
        return trace.decided(.onhold, by: "nothing names a reason")
    }

    /// RFC 3464 §2.3.3: only `failed` and `delayed` are failures (`delivered`, `relayed`,
    /// `expanded`, and `deliverable` of address verification are not); RFC 3463 §3.1: a 2.x.x
    /// status is success whatever else the report says.
    static func successSignal(_ evidence: Evidence) -> String? {
        if let action = evidence.action, successActions.contains(action) {
            return "action \(action)"
        }
        // A delay notice stays one whatever its status says; it is no failure either way.
        if let status = evidence.status, status.class == 2, evidence.action != "delayed" { return "status \(status)" }
        if evidence.status == nil, evidence.action == nil, let code = evidence.replyCode, code.value / 100 == 2 {
            return "reply \(code.value)"
        }
        return nil
    }

    /// A phrase row's decision, `reason` being its reason as read against the command answered.
    private static func decided(by entry: ReasonPhrases.Entry, readAs reason: Reason, _ evidence: Evidence,
                                _ trace: inout DecisionTrace) -> ReasonDecision {
        guard reason != entry.reason else { return trace.decided(reason, by: entry.ruleName) }
        trace.note("\(entry.ruleName) says \(entry.reason.rawValue), but it answered \(commandName(evidence))")
        return trace.decided(reason, by: "the command answered (\(commandName(evidence)))")
    }

    /// RFC 3464's non-failure actions, and `deliverable`, which address verification (Postfix
    /// `sendmail -bv`) reports.
    static let successActions: Set<String> = ["delivered", "relayed", "expanded", "deliverable"]

    /// A failed delivery whose retries ran out: the report says the delivery time expired
    /// (x.4.7), or its last reply was temporary (4xx, 4.x.x), and the words name no cause that
    /// lasts — only a network failure, a general phrase of `expired` ("retry timeout exceeded"),
    /// or nothing. (Greylisting, a deferral by design, is a specific phrase of `expired` and
    /// decides before this step.)
    static func expirySignal(_ evidence: Evidence, general: ReasonPhrases.Entry?) -> String? {
        guard evidence.action == "failed" || evidence.action == nil else { return nil }
        let transient = evidence.status?.isTransient ?? evidence.replyCode?.isTransient ?? false
        let timedOut = evidence.status.map { $0.subject == 4 && $0.detail == 7 } ?? false
        guard transient || timedOut || general?.reason == .expired else { return nil }
        switch general?.reason {
        case nil where !timedOut && ((evidence.diagnostic ?? "").isEmpty || evidence.replyCode != nil):
            // A bare temporary reply ("450 4.0.0 Temporary failure") is not enough to tell.
            return nil
        case nil, .networkerror?, .expired?:
            let why = timedOut ? "status \(evidence.status.map(String.init(describing:)) ?? "")"
                : transient ? "a temporary reply" : general.map(\.ruleName) ?? ""
            return "failed after retries: \(why)" + (general.map { $0.reason == .expired ? "" : ", last error \($0.ruleName)" } ?? "")
        default:
            return nil
        }
    }

    /// A local delivery program's exit status, by `<sysexits.h>`: EX_NOUSER (67) and EX_NOHOST
    /// (68) name the address; EX_NOPERM (77) is the receiving system's; the rest are the mailer's.
    static func localExitReason(_ code: Int?) -> Reason {
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
            if isRecipientSide(reason) || reason == .rejected { return .blocked }
        case .mail?:
            if isRecipientSide(reason) { return .rejected }
        default:
            break
        }
        return reason
    }

    private static func commandName(_ evidence: Evidence) -> String {
        evidence.command?.caseName ?? "no command"
    }

    /// Reasons about the recipient's address or mailbox, which a reply can give only once a
    /// recipient was named.
    /// (A switch: a `Set<Reason>` cost each classifying process a conformance scan to set up.)
    private static func isRecipientSide(_ reason: Reason) -> Bool {
        switch reason {
        case .userunknown, .hostunknown, .mailboxfull, .suspend, .filtered, .hasmoved: return true
        default: return false
        }
    }
}
