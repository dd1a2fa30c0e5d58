/// A refusal that follows no login at all. A profile with a blank user name sends no AUTH; a server
/// that relays only for signed-in clients then refuses at MAIL or RCPT (Postfix: `554 5.7.1 <x@y>:
/// Relay access denied`, `Client host rejected: Access denied`; `530 5.7.0 Authentication required`;
/// Microsoft's `5.7.57 Client not authenticated`). By its stage that looks like a bad recipient, but
/// the recipient is not the problem: the profile's missing login is, and the remedy must say so.
enum MissingLoginDiagnosis {
    static let phrases: [Phrase] = [
        "relay access denied", "relaying denied", "relay not permitted", "not permitted to relay", "unable to relay",
        "relaying not allowed", "authentication required", "authentication is required", "must authenticate",
        "not authenticated", "client host rejected: access denied", "not logged in", "sender address rejected: not logged in",
    ]

    /// The diagnosis when `failure` is such a refusal of a session that never signed in; else nil.
    static func diagnose(_ failure: SubmissionFailure) -> SubmissionDiagnosis? {
        guard !failure.signedIn, [.mail, .rcpt, .data].contains(failure.stage) else { return nil }
        let words = SubmissionDiagnoser.serverWords(failure)
        let text = SearchText(words)
        let status = failure.enhancedStatus.flatMap { StatusCode($0) } ?? StatusCode.first(in: words.prefix(40))
        let statusSays = (["5.7.0", "5.7.57", "4.7.0"].contains(status?.description ?? "") && failure.replyCode != 550)
            || failure.replyCode == 530
        guard statusSays || phrases.contains(where: text.contains) else { return nil }
        let meaning = "the server takes mail only from a session that has signed in, and this profile has no login "
            + "(no user name, so no AUTH was sent); the recipient's address is not the problem"
        let remedy = "Give the profile a login: `events config smtp set USER --username MAILBOX --secret "
            + "file:PATH|env:NAME|command:CMD` (or `--auth oauth2`, then `events config smtp login USER`), on the "
            + "provider's submission port (587 STARTTLS or 465 SSL). If this server should relay without a login, "
            + "its administrator allows this host (Postfix: mynetworks)."
        return SubmissionDiagnosis(reason: .authrequired,
                                   cause: SubmissionDiagnoser.cause(failure, meaning: meaning, words: words),
                                   remedy: remedy, transient: false, status: status?.description, replyCode: failure.replyCode)
    }
}
