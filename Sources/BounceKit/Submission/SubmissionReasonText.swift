/// Plain words for each submission reason: what it means (a clause for the cause) and what to do
/// (the default remedy when no provider row says better). See `shared/reference/smtp-codes.tsv`.
enum SubmissionReasonText {
    static func meaning(_ reason: SubmissionReason) -> String {
        switch reason {
        case .connectionfailed: return "no connection could be made to the server"
        case .timeout: return "the server did not answer in time"
        case .tlsfailed: return "the encrypted (TLS) connection could not be set up"
        case .certificaterejected: return "the server's certificate is not trusted or does not name this host"
        case .starttlsrequired: return "the server requires an encrypted connection before signing in or sending"
        case .authrequired: return "the server requires signing in (SMTP authentication) before sending"
        case .authmechanism: return "the server does not offer the sign-in method the settings use"
        case .badcredentials: return "the server did not accept the user name and password"
        case .apppasswordrequired: return "the account needs an app password instead of its normal password"
        case .oauthtokenrejected: return "the server rejected the OAuth access token"
        case .reauthorizationrequired: return "the sign-in to the mail provider has ended and must be renewed by the user"
        case .oauthappconfig: return "the provider refused the app the ERP signs in with (its registration, secret or consent)"
        case .tokenrefreshfailed: return "a new OAuth access token could not be obtained from the provider"
        case .secretunavailable: return "the password or token could not be read from where the profile says it is"
        case .smtpauthdisabled: return "SMTP authentication is turned off for this mailbox or organisation"
        case .basicauthretired: return "the server no longer accepts a password (basic authentication) for SMTP"
        case .securitydefaults: return "the organisation's security defaults block SMTP sign-in with a password"
        case .conditionalaccess: return "a Conditional Access policy blocked the sign-in"
        case .accountlocked: return "the account is locked or disabled"
        case .senddenied: return "the account may not send with this From (envelope sender) address"
        case .quotaexceeded: return "a sending limit (messages, recipients or storage) was exceeded"
        case .senderrejected: return "the server refused the sender address"
        case .recipientrejected: return "the server refused the recipient address"
        case .messagerejected: return "the server refused the message itself (size, content or policy)"
        case .servererror: return "the server reported an error of its own"
        }
    }

    static func remedy(_ reason: SubmissionReason) -> String {
        switch reason {
        case .connectionfailed:
            return "Check the SMTP host name and port (465 = SSL/TLS, 587 = STARTTLS, 25 = usually blocked by ISPs and "
                + "clouds) and that an outbound firewall allows the connection."
        case .timeout:
            return "Retry later. If it keeps timing out, check the host name and port (465 = SSL/TLS, 587 = STARTTLS, 25) "
                + "and whether a firewall drops the connection."
        case .tlsfailed:
            return "Match the TLS mode to the port: port 465 uses SSL/TLS from the start, port 587 uses STARTTLS, port 25 "
                + "STARTTLS or none. A mismatch (SSL on 587, STARTTLS on 465) makes the handshake fail."
        case .certificaterejected:
            return "Use the provider's official SMTP host name (e.g. smtp.office365.com, smtp.gmail.com, smtp.zone.ee), "
                + "which its certificate names; do not turn certificate verification off."
        case .starttlsrequired:
            return "Set the encryption to STARTTLS on port 587, or SSL/TLS on port 465."
        case .authrequired:
            return "Turn on SMTP authentication in the mail settings and enter the mailbox's credentials."
        case .authmechanism:
            return "Choose a sign-in method the server lists in its EHLO AUTH line (usually PLAIN or LOGIN over TLS, or "
                + "the provider's OAuth preset), and use the provider's submission port (587 or 465), not port 25."
        case .badcredentials:
            return "Re-enter the user name (usually the full email address) and the password or app password. Do not "
                + "retry automatically: repeated failed sign-ins lock the account."
        case .apppasswordrequired:
            return "Create an app password in the account's security settings and use it instead of the normal password, "
                + "or connect with the provider's OAuth preset."
        case .oauthtokenrejected:
            return "Refresh the access token and retry once; if refreshing fails, re-authorise the mailbox (sign in to the "
                + "mail provider again from the settings)."
        case .reauthorizationrequired:
            return "Sign in to the mail provider again (`events config smtp login USER`, or the ERP's Log in button), then "
                + "resend. Schedule `events config smtp refresh --all` daily so an unused sign-in never lapses."
        case .oauthappconfig:
            return "The ERP's administrator checks the app registration: its client id, an unexpired client secret, and "
                + "consent for the mail scopes in the user's organisation."
        case .tokenrefreshfailed:
            return "Retry later: the provider's sign-in service did not answer. If it persists, check this host's "
                + "outbound HTTPS access to the provider."
        case .secretunavailable:
            return "Make the secret readable where the profile says it is, or change where it is read: "
                + "`events config smtp set USER --secret file:PATH|env:NAME|command:CMD`."
        case .smtpauthdisabled:
            return "An administrator must turn SMTP AUTH on for this mailbox or the organisation."
        case .basicauthretired:
            return "Switch the mailbox to OAuth (the provider's preset)."
        case .securitydefaults:
            return "Use the provider's OAuth preset, or have an administrator replace security defaults with policies "
                + "that allow this mailbox."
        case .conditionalaccess:
            return "An administrator checks the sign-in logs and adjusts the Conditional Access policy for this mailbox."
        case .accountlocked:
            return "Stop sending from this account; have it unlocked (or sign in via the provider's web page), then fix "
                + "the credentials."
        case .senddenied:
            return "Send with the signed-in mailbox's own address as the sender, or have the administrator grant this "
                + "mailbox permission to send as the From address."
        case .quotaexceeded:
            return "Wait for the sending limit to reset (often 24 hours) or send to fewer recipients per message; for "
                + "mass mail use a bulk mail service."
        case .senderrejected:
            return "Check the sender (From) address: it must be a valid address of a domain with working DNS, usually "
                + "the mailbox's own."
        case .recipientrejected:
            return "Check the recipient's address for typos; if it is right, reach the recipient another way."
        case .messagerejected:
            return "Read the server's words: reduce the size or change the content it objected to, then send again."
        case .servererror:
            return "Retry later; if the error persists, contact the mail provider with the server's reply."
        }
    }

    /// Whether a retry may work without changes, by reason, when the reply class does not say.
    static func transient(_ reason: SubmissionReason) -> Bool {
        switch reason {
        case .timeout, .servererror, .quotaexceeded, .tokenrefreshfailed: return true
        default: return false
        }
    }
}

extension SubmissionReason {
    /// What the reason means, in one line (the clause the cause sentence uses), for `events reasons`.
    public var meaning: String { SubmissionReasonText.meaning(self) }
}
