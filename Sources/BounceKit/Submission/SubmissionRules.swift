/// The submission rows of `smtp-codes.tsv`: the provider's own rows first (host plus reply text),
/// then the enhanced code, then the basic code. Providers reuse registered codes with their own
/// meanings (Gmail's 5.7.9, Microsoft's 5.7.3 and 5.7.30), so their rows must win.
enum SubmissionRules {
    static let provider: [SubmissionRule] = microsoft + google

    static let microsoft: [SubmissionRule] = [
        SubmissionRule(.microsoft, ["smtpclientauthentication is disabled for the tenant"], .smtpauthdisabled,
                       meaning: "SMTP AUTH is turned off for the whole Microsoft 365 organisation",
                       remedy: MicrosoftSubmission.tenantSwitch),
        SubmissionRule(.microsoft, ["smtpclientauthentication is disabled for the mailbox"], .smtpauthdisabled,
                       meaning: "SMTP AUTH is turned off for this Microsoft 365 mailbox",
                       remedy: MicrosoftSubmission.mailboxSwitch),
        SubmissionRule(.microsoft, ["security defaults"], .securitydefaults,
                       meaning: "Microsoft Entra security defaults block SMTP AUTH with a password for this tenant",
                       remedy: "Use OAuth: choose the Microsoft 365 preset (XOAUTH2) for this mailbox. Otherwise an administrator "
                        + "replaces security defaults with Conditional Access policies that allow this mailbox. "
                        + MicrosoftSubmission.timeline),
        SubmissionRule(.microsoft, ["did not meet the criteria to be authenticated"], .conditionalaccess,
                       meaning: "a Microsoft Entra Conditional Access policy blocked the sign-in",
                       remedy: "A Microsoft 365 administrator checks the Entra sign-in logs for this mailbox and adjusts the "
                        + "Conditional Access (or MFA) policy for the sending application; retrying will not help until then."),
        SubmissionRule(.microsoft, ["basic authentication is disabled", "organization configuration does not allow",
                                    "basic authentication is not supported"], .basicauthretired,
                       meaning: "Microsoft 365 no longer accepts a password (basic authentication) for SMTP from this mailbox",
                       remedy: MicrosoftSubmission.useOAuth + " " + MicrosoftSubmission.timeline),
        SubmissionRule(.microsoft, ["user credentials were incorrect"], .badcredentials,
                       meaning: "Microsoft 365 did not accept the user name or password",
                       remedy: "Re-enter the password, with the full email address as the user name. Do not retry "
                        + "automatically: repeated failed sign-ins lock the account. " + MicrosoftSubmission.timeline + " "
                        + MicrosoftSubmission.useOAuth),
        SubmissionRule(.microsoft, ["account locked", "account has an issue", "user account is disabled", "account is locked"],
                       .accountlocked,
                       meaning: "the Microsoft 365 account is locked or disabled (often after many failed sign-ins)",
                       remedy: "Stop sending from this mailbox. An administrator unlocks or re-enables the account (or the user "
                        + "signs in at https://portal.office.com), then correct the password or reconnect OAuth."),
        SubmissionRule(.microsoft, ["authentication unsuccessful"], statuses: ["5.7.3"], .badcredentials,
                       meaning: "Microsoft 365 refused the sign-in: with a password, the password (or app password) is wrong; "
                        + "with OAuth, Exchange refused the token (wrong scope or audience, or a token for another user)",
                       remedy: "With a password: check it (full email address as the user name), and do not retry "
                        + "automatically, as repeated failures lock the account. With OAuth: the token must carry the scope "
                        + "https://outlook.office.com/SMTP.Send (delegated) or .default with SMTP.SendAsApp (app-only), and "
                        + "user= must be the mailbox itself; for app-only tokens the administrator registers the app's service "
                        + "principal in Exchange. " + MicrosoftSubmission.timeline),
        SubmissionRule(.microsoft, ["client not authenticated to send", "client was not authenticated"], .authrequired,
                       meaning: "the server was asked to send before a successful sign-in",
                       remedy: "Turn on SMTP authentication with the mailbox's credentials (or connect the Microsoft 365 OAuth "
                        + "preset) and use STARTTLS on port 587."),
        SubmissionRule(.microsoft, ["send as this sender", "sendasdenied", "send as denied"], .senddenied,
                       meaning: "the From address is not the signed-in mailbox and Send As is not granted for it",
                       remedy: "Send with the signed-in mailbox as the From address, or have an administrator grant this mailbox "
                        + "'Send As' on the From address. Repeated attempts throttle the mailbox for a while."),
        SubmissionRule(.microsoft, ["submission quota", "submissionquota", "daily limit for message recipients"], .quotaexceeded, transient: true,
                       meaning: "the mailbox exceeded Exchange Online's sending limits (recipients or messages per day)",
                       remedy: "Wait up to 24 hours before sending more; check the account for misuse; use a bulk mail service "
                        + "for mass mail."),
        SubmissionRule(.microsoft, ["unrecognized authentication type"], .authmechanism,
                       meaning: "Microsoft 365 does not offer that sign-in method here",
                       remedy: "Use STARTTLS on port 587 first, then AUTH LOGIN or XOAUTH2 (the Microsoft 365 preset)."),
    ]

    static let google: [SubmissionRule] = [
        SubmissionRule(.google, ["application-specific password required"], statuses: ["5.7.9"], .apppasswordrequired,
                       meaning: "the Google account has 2-Step Verification on, so its normal password cannot be used for SMTP",
                       remedy: "Create an app password at https://myaccount.google.com/apppasswords and enter it instead of the "
                        + "account password, or connect the mailbox with Google OAuth."),
        SubmissionRule(.google, [], statuses: ["5.7.9"], codes: [534], .apppasswordrequired,
                       meaning: "Gmail requires an app password (2-Step Verification is on)",
                       remedy: "Create an app password at https://myaccount.google.com/apppasswords and enter it instead of the "
                        + "account password, or connect the mailbox with Google OAuth."),
        SubmissionRule(.google, ["username and password not accepted"], .badcredentials,
                       meaning: "Gmail did not accept the user name and password",
                       remedy: "Use the full Gmail address as the user name and a current app password (app passwords are "
                        + "revoked when the Google password changes), or connect with Google OAuth. Do not retry automatically: "
                        + "repeated failures lock the account."),
        SubmissionRule(.google, ["please log in via your web browser", "please log in with your web browser"], .accountlocked,
                       meaning: "Google blocked the sign-in as suspicious until the user confirms it",
                       remedy: "Sign in to Gmail in a web browser and confirm the activity, then use an app password or Google "
                        + "OAuth."),
        SubmissionRule(.google, ["too many login attempts"], .accountlocked, transient: true,
                       meaning: "Google paused sign-ins after too many failed attempts",
                       remedy: "Stop retrying; wait before the next attempt, and fix the password or app password first."),
        SubmissionRule(.google, ["daily user sending limit", "daily sending quota", "daily smtp relay limit"], .quotaexceeded,
                       transient: true, meaning: "the Google account reached its daily sending limit",
                       remedy: "Wait about 24 hours; use a bulk mail service for mass mail."),
        SubmissionRule(.google, ["mail sending denied"], .senddenied,
                       meaning: "the Google Workspace account may not send (disabled, or not in the domain)",
                       remedy: "Check the account's status in the Google Workspace admin console."),
        SubmissionRule(.google, ["unrecognized authentication type", "xoauth is no longer supported"], .authmechanism,
                       meaning: "Gmail does not accept that sign-in method",
                       remedy: "Use PLAIN or LOGIN with an app password, or XOAUTH2 (Google OAuth)."),
    ]

    /// Enhanced codes any server uses, then basic codes, each refined by the stage.
    static let general: [SubmissionRule] = [
        SubmissionRule(nil, ["must issue a starttls command first", "must issue a starttls"], .starttlsrequired),
        SubmissionRule(nil, statuses: ["X.7.10", "X.7.11"], .starttlsrequired),
        SubmissionRule(nil, codes: [538], .starttlsrequired),
        SubmissionRule(nil, ["tls not available"], codes: [454], .tlsfailed, transient: true,
                       meaning: "the server cannot start TLS at the moment",
                       remedy: "Retry later; if it persists, contact the mail provider."),
        SubmissionRule(nil, statuses: ["5.7.8"], .badcredentials),
        SubmissionRule(nil, codes: [535], .badcredentials),
        SubmissionRule(nil, statuses: ["5.7.9", "X.7.4"], .authmechanism),
        SubmissionRule(nil, statuses: ["5.5.4"], stages: [.auth], .authmechanism),
        SubmissionRule(nil, codes: [504, 534], stages: [.auth], .authmechanism),
        SubmissionRule(nil, statuses: ["4.7.12"], .badcredentials, transient: false,
                       meaning: "the server needs a password transition before this sign-in method works",
                       remedy: "Sign in once with the password in webmail, then retry."),
        SubmissionRule(nil, codes: [454], stages: [.auth], .servererror, transient: true,
                       meaning: "the server had a temporary problem checking the sign-in",
                       remedy: "Retry later; the credentials need not change."),
        SubmissionRule(nil, ["authentication required", "not authenticated", "authentication is required"], .authrequired),
        SubmissionRule(nil, codes: [530], .authrequired),
        SubmissionRule(nil, statuses: ["X.5.3"], .quotaexceeded,
                       meaning: "the message has more recipients than the server accepts at once",
                       remedy: "Send to fewer recipients per message (split the list into smaller batches)."),
        SubmissionRule(nil, ["quota", "limit exceeded", "too many messages", "sending limit"], stages: [.mail, .rcpt],
                       .quotaexceeded),
        SubmissionRule(nil, codes: [452, 552], stages: [.mail, .rcpt], .quotaexceeded),
        SubmissionRule(nil, statuses: ["X.3.4", "X.2.3"], stages: [.data], .messagerejected, transient: false,
                       meaning: "the message is larger than the server accepts",
                       remedy: "Reduce the attachments' size (or send a link instead) and send again."),
        SubmissionRule(nil, codes: [552], stages: [.data], .messagerejected, transient: false,
                       meaning: "the message is larger than the server accepts",
                       remedy: "Reduce the attachments' size (or send a link instead) and send again."),
        SubmissionRule(nil, statuses: ["X.1.7", "X.1.8"], stages: [.mail], .senderrejected),
        SubmissionRule(nil, ["not owned", "send as", "sender address rejected: not owned", "not allowed to send",
                             "not authorized to send", "sender not allowed", "does not belong"], stages: [.mail], .senddenied),
        SubmissionRule(nil, statuses: ["X.7.1"], stages: [.mail], .senddenied),
        SubmissionRule(nil, codes: [553], stages: [.mail], .senddenied),
        SubmissionRule(nil, codes: [550, 501, 551, 555], stages: [.mail], .senderrejected),
        SubmissionRule(nil, codes: [550, 551, 553, 554, 501, 450, 556], stages: [.rcpt], .recipientrejected),
        SubmissionRule(nil, codes: [550, 554], stages: [.data], .messagerejected),
    ]

    /// The first rule for the identified providers, then the general rules.
    static func match(_ text: SearchText, status: StatusCode?, replyCode: Int?, stage: SubmissionFailure.Stage,
                      providers: [Provider]) -> SubmissionRule? {
        for provider in providers {
            if let rule = self.provider.first(where: {
                $0.provider == provider && $0.matches(text, status: status, replyCode: replyCode, stage: stage)
            }) {
                return rule
            }
        }
        return general.first { $0.matches(text, status: status, replyCode: replyCode, stage: stage) }
    }
}
