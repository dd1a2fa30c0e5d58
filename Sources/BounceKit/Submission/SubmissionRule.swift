/// One row of `smtp-codes.tsv` for our own submission: matched by provider (host or reply
/// signature), wording, enhanced status code, reply code and session stage.
struct SubmissionRule: Sendable {
    /// Nil for rules any server may match.
    let provider: Provider?
    /// Any of these, lowercased, in the reply text; empty matches any text.
    let phrases: [Phrase]
    /// Enhanced codes (`5.7.139`, or `X.7.10` for either class); empty matches any.
    let statuses: [String]
    /// Basic reply codes; empty matches any.
    let replyCodes: [Int]
    /// Session stages; empty matches any.
    let stages: [SubmissionFailure.Stage]
    let reason: SubmissionReason
    /// Overrides the default (reply class 4 = transient).
    let transient: Bool?
    /// The provider's meaning, a clause for the cause.
    let meaning: String?
    /// The provider's advice, when more precise than the reason's.
    let remedy: String?

    init(_ provider: Provider?, _ phrases: [Phrase] = [], statuses: [String] = [], codes: [Int] = [],
         stages: [SubmissionFailure.Stage] = [], _ reason: SubmissionReason, transient: Bool? = nil,
         meaning: String? = nil, remedy: String? = nil) {
        self.provider = provider
        self.phrases = phrases
        self.statuses = statuses
        self.replyCodes = codes
        self.stages = stages
        self.reason = reason
        self.transient = transient
        self.meaning = meaning
        self.remedy = remedy
    }

    func matches(_ text: SearchText, status: StatusCode?, replyCode: Int?, stage: SubmissionFailure.Stage) -> Bool {
        if !stages.isEmpty, !stages.contains(stage) { return false }
        if !replyCodes.isEmpty {
            guard let replyCode, replyCodes.contains(replyCode) else { return false }
        }
        if !statuses.isEmpty {
            guard let status, statuses.contains(where: { Self.status($0, matches: status) }) else { return false }
        }
        return phrases.isEmpty || phrases.contains(where: text.contains)
    }

    /// `X.7.10` matches 4.7.10 and 5.7.10.
    static func status(_ pattern: String, matches status: StatusCode) -> Bool {
        if pattern.hasPrefix("X.") { return "\(status.subject).\(status.detail)" == pattern.dropFirst(2) }
        return pattern == status.description
    }
}
