/// Why our own SMTP submission (RFC 6409) to the user's configured server failed: connecting, TLS
/// (RFC 3207), AUTH (RFC 4954) or the MAIL/RCPT/DATA transaction (RFC 5321). Kept apart from the
/// bounce `Reason` names (`shared/reference/reasons.md`, last paragraph).
public enum SubmissionReason: String, Sendable, CaseIterable, Codable {
    case connectionfailed, timeout, tlsfailed, certificaterejected, starttlsrequired, authrequired, authmechanism,
         badcredentials, apppasswordrequired, oauthtokenrejected, reauthorizationrequired, oauthappconfig,
         tokenrefreshfailed, secretunavailable, smtpauthdisabled, basicauthretired, securitydefaults,
         conditionalaccess, accountlocked, senddenied, quotaexceeded, senderrejected, recipientrejected, messagerejected, servererror
}
