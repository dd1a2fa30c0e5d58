import BounceKit

/// The names `--reason` and `--kind` accept: exactly what can be stored in `events.reason` and
/// `events.kind`, so a typo is a usage error instead of an empty list that looks like "nothing failed".
enum EventNames {
    /// What the sender stores for a failed submission (Sender's `MailSender+Recording`); the other
    /// kinds are BounceKit's `Finding.Kind`.
    static let submissionErrorKind = "submission_error"

    static let kinds: [String] = Finding.Kind.allCases.map(\.rawValue) + [submissionErrorKind]

    /// Bounce reasons, then submission reasons.
    static let reasons: [String] = Reason.allCases.map(\.rawValue) + SubmissionReason.allCases.map(\.rawValue)

    /// Nil when `value` is a known name, else the usage message listing the valid ones.
    static func problem(option: String, value: String, valid: [String]) -> String? {
        if valid.contains(value) { return nil }
        return "Unknown \(option) '\(value)'. Valid values: \(valid.joined(separator: ", "))."
    }
}
