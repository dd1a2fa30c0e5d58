/// Explains a send that stopped before signing in because the password or token could not be read
/// from the profile's secret source: a missing or unreadable file, an unset environment variable
/// (a systemd unit or cron job starts with a bare environment), a command that failed. The remedy
/// names the source and the options that change it, never the secret.
enum SecretDiagnosis {
    static func diagnose(_ failure: SubmissionFailure) -> SubmissionDiagnosis {
        let user = failure.account ?? "USER"
        let source = failure.secretSource ?? "its secret source"
        var cause = "Sending through \(failure.serverHost) stopped before signing in: the password or token for \(user) "
            + "could not be read from \(source), so nothing was sent."
        if let detail = failure.detail?.trimmingWhitespace(), !detail.isEmpty {
            cause += " The error was: “\(SubmissionDiagnoser.quote(detail))”."
        }
        let change = "or change where it is read: `events config smtp set \(user) --secret file:PATH|env:NAME|command:CMD` "
            + "(for Microsoft 365 or Google OAuth2: `events config smtp login \(user)`)."
        let remedy: String
        if source.hasPrefix("file:") {
            remedy = "Put the secret on the first line of \(source.dropFirst(5)), readable by the user `events send` "
                + "runs as (mode 0600), " + change
        } else if source.hasPrefix("env:") {
            remedy = "Set $\(source.dropFirst(4)) in the environment `events send` runs in (a systemd unit's "
                + "Environment= or EnvironmentFile=, a cron job's own environment), " + change
        } else if source.hasPrefix("command:") {
            remedy = "Run the command by hand as the user `events send` runs as to see why it fails (it must print "
                + "the secret on its first line and exit 0), " + change
        } else {
            remedy = SubmissionReasonText.remedy(.secretunavailable)
        }
        return SubmissionDiagnosis(reason: .secretunavailable, cause: cause, remedy: remedy, transient: false)
    }
}
