/// Microsoft 365 SMTP AUTH facts for remedies (`shared/reference/README.md`; Microsoft's
/// announcement revised 2026-01-27; learn.microsoft.com "Authenticated client SMTP submission").
enum MicrosoftSubmission {
    static let timeline = "Microsoft's timeline (revised 2026-01-27): basic authentication for client submission keeps "
        + "working through December 2026; from the end of December 2026 it is disabled by default for existing tenants "
        + "(an administrator can re-enable it); tenants created after that cannot use it; the final removal date is to be "
        + "announced for the second half of 2027."

    static let useOAuth = "The fix is OAuth: choose the Microsoft 365 preset (XOAUTH2) for this mailbox and sign in once."

    static let switchesApplyToOAuth = "This switch applies to OAuth as well, so changing the password or moving to OAuth "
        + "does not help until an administrator turns SMTP AUTH on."

    static let tenantSwitch = "A Microsoft 365 administrator must allow SMTP AUTH for the organisation: Exchange admin centre "
        + "> Settings > Mail flow, untick 'Turn off SMTP AUTH protocol for your organization' (PowerShell: "
        + "Set-TransportConfig -SmtpClientAuthenticationDisabled $false), or allow it for this mailbox only (Set-CASMailbox "
        + "-Identity <mailbox> -SmtpClientAuthenticationDisabled $false). " + switchesApplyToOAuth

    static let mailboxSwitch = "A Microsoft 365 administrator must allow SMTP AUTH for this mailbox: Microsoft 365 admin "
        + "centre > Users > Active users > the user > Mail > Manage email apps, tick 'Authenticated SMTP' (PowerShell: "
        + "Set-CASMailbox -Identity <mailbox> -SmtpClientAuthenticationDisabled $false). " + switchesApplyToOAuth
}
