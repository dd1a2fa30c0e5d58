/// A finding's reason with the rule that decided it and every step tried on the way: what
/// `events parse --explain` and `events show --explain` print, so a wrong reason leads to its rule.
public struct ReasonDecision: Sendable, Equatable {
    public var reason: Reason
    /// The deciding rule in a few words, e.g. `specific phrase "no such user" (reason-phrases.tsv:88)`.
    public var rule: String
    /// Each step of the precedence, in order, with what it found.
    public var steps: [String]
    /// The index in `ProviderRules.rules` of the provider rule that decided, so the explanation
    /// takes its remedy without looking it up again.
    var providerRule: Int?

    init(reason: Reason, rule: String, steps: [String], providerRule: Int? = nil) {
        self.reason = reason
        self.rule = rule
        self.steps = steps
        self.providerRule = providerRule
    }
}

/// The steps of one decision as they are taken; kept only when `recording` (an explanation was
/// asked for), the deciding rule always.
struct DecisionTrace {
    let recording: Bool
    private(set) var steps: [String] = []

    init(recording: Bool) {
        self.recording = recording
    }

    /// Notes a step; `step` is built only when recording.
    mutating func note(_ step: @autoclosure () -> String) {
        if recording { steps.append(step()) }
    }

    func decided(_ reason: Reason, by rule: String, providerRule: Int? = nil) -> ReasonDecision {
        ReasonDecision(reason: reason, rule: rule, steps: recording ? steps + ["→ \(reason.rawValue): \(rule)"] : [],
                       providerRule: providerRule)
    }
}

extension ReasonPhrases.Entry {
    /// How the trace names this row.
    var ruleName: String { "\(tier.rawValue) phrase \"\(text)\" (reason-phrases.tsv:\(line))" }
}

extension Finding.Kind {
    /// The kind a decided report gives: a success only when the decision found one (so nothing
    /// but `failed` or `delayed` can become a failure), a delay for `delayed` (RFC 3464 §2.3.3),
    /// else a bounce (an expired delivery says `failed` with a 4.x.x status).
    static func of(_ decision: ReasonDecision, action: String?) -> Finding.Kind {
        if decision.reason == .delivered { return .delivered }
        return action == "delayed" ? .delay : .bounce
    }
}
