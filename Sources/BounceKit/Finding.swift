/// One thing a report says about one recipient: a bounce, a delay, a delivery, a complaint, an
/// automatic reply, or that the message was no report at all.
public struct Finding: Sendable, Equatable {
    /// What kind of event the finding is.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case bounce, delay, delivered, complaint
        case autoReply = "auto_reply"
        case challenge
        case humanReply = "human_reply"
        case unrecognized
    }

    public var kind: Kind
    /// The recipient the report is about (`Final-Recipient`, else `Original-Recipient`), or nil
    /// when the report names none.
    public var recipient: String?
    /// The `Original-Recipient` of an RFC 3464 report (§2.3.1: the address as the sender gave it in
    /// RCPT TO's ORCPT, e.g. an alias beside a different Final-Recipient); nil when the report has none.
    public var originalRecipient: String?
    public var reason: Reason
    /// True when retrying can never work (the address or its domain does not exist).
    public var hard: Bool
    public var status: StatusCode?
    public var replyCode: ReplyCode?
    /// The report's Action (`failed`, `delayed`, `delivered`, `relayed`, `expanded`), lowercased.
    public var action: String?
    public var diagnostic: String?
    public var remoteMTA: String?
    public var reportingMTA: String?
    /// The `Original-Envelope-Id` (RFC 3461 ENVID) the report carries.
    public var envelopeID: String?
    /// The complaint's `Feedback-Type` (RFC 5965 §3.1: abuse, fraud, auth-failure, opt-out, …).
    public var feedbackType: String?
    /// The original message the report returns, as far as it came back.
    public var original: OriginalMessage?
    /// Which detector produced the finding (`rfc3464`, `postfix`, …): evidence for support staff.
    public var detector: String
    /// True when the sending side caused the failure (its IP, domain authentication, content or
    /// policy): the recipient's address is not at fault and must not be suppressed.
    public var senderSide: Bool
    /// One plain sentence: what happened, to which recipient, at which server, quoting the
    /// decisive text.
    public var cause: String
    /// What the sender should do about it.
    public var remedy: String
    /// The rule that decided the reason (`ReasonDecision.rule`), or the detector's own finding
    /// ("complaint report (RFC 5965)").
    public var rule: String
    /// The steps of the reason decision, in order (`ReasonDecision.steps`); empty where a
    /// detector decided alone.
    public var trace: [String]
    /// The provider rule that decided, by index in `ProviderRules.rules`: the explanation takes
    /// its remedy from it (carried so that a finding copied field by field stays whole).
    public internal(set) var providerRule: Int?

    public init(kind: Kind, recipient: String? = nil, reason: Reason, hard: Bool = false,
                status: StatusCode? = nil, replyCode: ReplyCode? = nil, action: String? = nil,
                diagnostic: String? = nil, remoteMTA: String? = nil, reportingMTA: String? = nil,
                envelopeID: String? = nil, feedbackType: String? = nil, original: OriginalMessage? = nil, detector: String,
                senderSide: Bool? = nil, cause: String = "", remedy: String = "", originalRecipient: String? = nil,
                rule: String = "", trace: [String] = [], providerRule: Int? = nil) {
        self.kind = kind
        self.originalRecipient = originalRecipient
        self.recipient = recipient
        self.reason = reason
        self.hard = hard
        self.status = status
        self.replyCode = replyCode
        self.action = action
        self.diagnostic = diagnostic
        self.remoteMTA = remoteMTA
        self.reportingMTA = reportingMTA
        self.envelopeID = envelopeID
        self.feedbackType = feedbackType
        self.original = original
        self.detector = detector
        self.senderSide = senderSide ?? (kind == .bounce && reason.isSenderSide)
        self.cause = cause
        self.remedy = remedy
        self.rule = rule
        self.trace = trace
        self.providerRule = providerRule
    }

    /// Takes the reason, rule and trace of a decision.
    mutating func apply(_ decision: ReasonDecision) {
        reason = decision.reason
        rule = decision.rule
        trace = decision.steps
        providerRule = decision.providerRule
    }

    /// Findings that mean the mail did not arrive and someone must act.
    public var isFailure: Bool { kind == .bounce }
}
