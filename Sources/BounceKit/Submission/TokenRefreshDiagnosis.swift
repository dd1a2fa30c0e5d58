/// Explains why no OAuth access token could be had for a send: the token endpoint's answer (RFC 6749
/// §5.2) and the provider's own codes, as `shared/reference/smtp-codes.tsv` rows 24-26 and
/// Microsoft's AADSTS error reference describe them. `invalid_grant` means the user must sign in
/// again; the codes say why, and whether an administrator's policy is behind it.
enum TokenRefreshDiagnosis {
    static func diagnose(_ failure: SubmissionFailure) -> SubmissionDiagnosis {
        let account = failure.account ?? "USER"
        let provider = failure.providerName ?? "the mail provider"
        let signIn = "Sign in again: `events config smtp login \(account)` (or the ERP's Log in button for this user)."
        let codes = Set(failure.providerCodes.map { $0.uppercased() })
        func has(_ any: String...) -> Bool { any.contains(where: codes.contains) }
        let error = failure.tokenError?.lowercased()
        var reason: SubmissionReason, meaning: String, remedy: String
        switch error {
        case "invalid_grant", "interaction_required", "login_required", "not_signed_in":
            reason = .reauthorizationrequired
            if error == "not_signed_in" {
                meaning = "the account has not signed in (the token store holds no tokens for it)"
                remedy = "Sign in: `events config smtp login \(account)` (or the ERP's Log in button for this user)."
            } else if has("AADSTS700082", "AADSTS700084") {
                meaning = "the sign-in expired after going unused for too long (Microsoft: 90 days)"
                remedy = signIn + " Schedule `events config smtp refresh --all` daily so it does not lapse again."
            } else if has("AADSTS50173", "AADSTS50133", "AADSTS700081") {
                meaning = "the sign-in was revoked (the password was changed or reset, or an administrator revoked the sessions)"
                remedy = signIn
            } else if has("AADSTS70043", "AADSTS70044") {
                meaning = "a Conditional Access sign-in frequency policy ended the session"
                remedy = signIn + " To stop it recurring, an administrator lengthens the sign-in frequency for this app "
                    + "or excludes the mailbox from that policy."
            } else if has("AADSTS50076", "AADSTS50079", "AADSTS50158") || error == "interaction_required" {
                meaning = "the organisation now requires an interactive sign-in (multi-factor authentication)"
                remedy = signIn
            } else if has("AADSTS53003") {
                meaning = "a Conditional Access policy blocks the sign-in"
                remedy = "An administrator checks the Entra sign-in logs for this app and adjusts the policy; then " + signIn
            } else if has("AADSTS50057", "AADSTS50053") {
                meaning = "the account is disabled or locked"
                remedy = "Have the account unlocked or enabled, then " + signIn.prefix(1).lowercased() + signIn.dropFirst()
            } else if failure.providerName?.lowercased().contains("google") == true {
                meaning = "Google no longer accepts the sign-in (it expired or was revoked)"
                remedy = signIn + " If this happens every 7 days, the Google Cloud project's OAuth consent screen is in "
                    + "Testing: publish it (In production)."
            } else {
                meaning = "the provider no longer accepts the sign-in (it expired or was revoked)"
                remedy = signIn
            }
        case "invalid_client", "unauthorized_client", "invalid_scope", "consent_required":
            reason = .oauthappconfig
            if has("AADSTS7000222", "AADSTS7000215") {
                meaning = "the app registration's client secret has expired or is wrong"
                remedy = "The ERP's administrator creates a new client secret for the app registration and points "
                    + "microsoft-client-secret (or the profile's --oauth-client-secret) at it."
            } else if has("AADSTS65001") || error == "consent_required" {
                meaning = "the organisation has not consented to the app's mail permissions"
                remedy = "A tenant administrator grants consent to the ERP's app (SMTP.Send, or SMTP.SendAsApp for app-only), "
                    + "then " + signIn.prefix(1).lowercased() + signIn.dropFirst()
            } else if has("AADSTS700016") {
                meaning = "the app registration is not known in this tenant (wrong client id or tenant)"
                remedy = "Check microsoft-client-id and microsoft-tenant (or the profile's --oauth-client-id and --oauth-tenant)."
            } else {
                meaning = "the provider refused the app's registration (\(error ?? "error"))"
                remedy = SubmissionReasonText.remedy(.oauthappconfig)
            }
        default:
            reason = .tokenrefreshfailed
            meaning = failure.tokenError.map { "the provider's token service answered \($0)" }
                ?? "the provider's token service could not be reached"
            remedy = SubmissionReasonText.remedy(.tokenrefreshfailed)
        }
        var cause = "Renewing the OAuth access token of \(account) with \(provider) failed: \(meaning)."
        if let detail = failure.detail?.trimmingWhitespace(), !detail.isEmpty {
            cause += " The error was: “\(SubmissionDiagnoser.quote(detail))”."
        }
        cause += " Nothing was sent to \(failure.serverHost)."
        return SubmissionDiagnosis(reason: reason, cause: cause, remedy: remedy,
                                   transient: SubmissionReasonText.transient(reason), status: nil, replyCode: nil)
    }
}
