import BounceKit
import Testing

@Suite("SubmissionDiagnoser")
struct SubmissionDiagnoserTests {
    typealias Failure = SubmissionFailure

    static let gmail = "smtp.gmail.com", microsoft = "smtp.office365.com", other = "smtp.zone.eu"

    static func reply(_ stage: Failure.Stage, _ host: String, _ code: Int, _ status: String?, _ text: String,
                      mechanism: String? = nil, recipient: String? = nil) -> Failure {
        Failure(stage: stage, serverHost: host, kind: .reply, replyCode: code, enhancedStatus: status, replyText: text,
                mechanism: mechanism, recipient: recipient)
    }

    /// (failure, expected reason, expected transient, words the cause or remedy must contain)
    static let cases: [(String, Failure, SubmissionReason, Bool, [String])] = [
        ("gmail app password", reply(.auth, gmail, 534, "5.7.9", "Application-specific password required. Learn more at "
            + "https://support.google.com/mail/?p=InvalidSecondFactor"), .apppasswordrequired, false, ["app password", "534 5.7.9"]),
        ("gmail bad credentials", reply(.auth, gmail, 535, "5.7.8", "Username and Password not accepted."), .badcredentials, false,
         ["lock", "Username and Password not accepted"]),
        ("m365 tenant switch", reply(.auth, microsoft, 535, "5.7.139", "Authentication unsuccessful, SmtpClientAuthentication "
            + "is disabled for the Tenant. Visit https://aka.ms/smtp_auth_disabled for more information."), .smtpauthdisabled, false,
         ["Set-TransportConfig -SmtpClientAuthenticationDisabled $false", "OAuth as well"]),
        ("m365 mailbox switch", reply(.auth, microsoft, 535, "5.7.139", "Authentication unsuccessful, SmtpClientAuthentication "
            + "is disabled for the Mailbox.", mechanism: "XOAUTH2"), .smtpauthdisabled, false,
         ["Set-CASMailbox", "Authenticated SMTP", "OAuth as well"]),
        ("m365 security defaults", reply(.auth, microsoft, 535, "5.7.139", "Authentication unsuccessful, user is locked by your "
            + "organization's security defaults policy. Contact your administrator."), .securitydefaults, false,
         ["December 2026", "second half of 2027", "XOAUTH2"]),
        ("m365 conditional access", reply(.auth, microsoft, 535, "5.7.139", "Authentication unsuccessful, the request did not "
            + "meet the criteria to be authenticated successfully. Contact your administrator."), .conditionalaccess, false,
         ["Conditional Access"]),
        ("m365 basic auth disabled", reply(.auth, microsoft, 535, "5.7.139", "Authentication unsuccessful, basic authentication "
            + "is disabled."), .basicauthretired, false, ["2026-01-27", "through December 2026", "re-enable", "second half of 2027",
            "Microsoft 365 preset", "XOAUTH2"]),
        ("m365 org config", reply(.auth, microsoft, 535, "5.7.139", "Authentication unsuccessful, the organization configuration "
            + "does not allow this authentication request."), .basicauthretired, false, ["December 2026"]),
        ("m365 wrong password", reply(.auth, microsoft, 535, "5.7.139", "Authentication unsuccessful, the user credentials were "
            + "incorrect."), .badcredentials, false, ["password", "lock"]),
        ("m365 account locked", reply(.auth, microsoft, 535, "5.7.139", "Authentication unsuccessful, account locked."),
         .accountlocked, false, ["unlock"]),
        ("m365 5.7.3", reply(.auth, microsoft, 535, "5.7.3", "Authentication unsuccessful [AM0PR02CA0001.eurprd02.prod.outlook.com]"),
         .badcredentials, false, ["https://outlook.office.com/SMTP.Send", "user= must be the mailbox", "December 2026"]),
        ("m365 5.7.30", reply(.auth, microsoft, 550, "5.7.30", "Basic authentication is not supported for Client Submission."),
         .basicauthretired, false, ["December 2026", "XOAUTH2"]),
        ("gmail oauth 334 then 535", Failure(stage: .auth, serverHost: gmail, kind: .reply, replyCode: 535, enhancedStatus: "5.7.8",
            replyText: "Username and Password not accepted.", oauth2Status: "401", oauth2Scope: "https://mail.google.com/",
            oauth2Decoded: #"{"status":"401","schemes":"bearer","scope":"https://mail.google.com/"}"#, mechanism: "XOAUTH2"),
         .oauthtokenrejected, false, ["invalid or expired", "https://mail.google.com/", "Refresh", "re-authorise"]),
        ("oauth 334 only", Failure(stage: .auth, serverHost: gmail, kind: .reply, replyCode: 334,
            replyText: "eyJzdGF0dXMiOiI0MDAiLCJzY2hlbWVzIjoiQmVhcmVyIiwic2NvcGUiOiJodHRwczovL21haWwuZ29vZ2xlLmNvbS8ifQ==",
            mechanism: "XOAUTH2"), .oauthtokenrejected, false, ["status 400", "https://mail.google.com/"]),
        ("m365 xoauth2 535", reply(.auth, microsoft, 535, "5.7.3", "Authentication unsuccessful", mechanism: "XOAUTH2"),
         .oauthtokenrejected, false, ["https://outlook.office.com/SMTP.Send"]),
        ("starttls first", reply(.mail, gmail, 530, "5.7.0", "Must issue a STARTTLS command first."), .starttlsrequired, false,
         ["587", "465"]),
        ("538 encryption", reply(.auth, other, 538, "5.7.11", "Encryption required for requested authentication mechanism"),
         .starttlsrequired, false, ["STARTTLS"]),
        ("auth required", reply(.mail, other, 530, "5.7.0", "Authentication required"), .authrequired, false, ["authentication"]),
        ("m365 not authenticated", reply(.mail, microsoft, 530, "5.7.57", "Client not authenticated to send mail."),
         .authrequired, false, ["587"]),
        ("mechanism", reply(.auth, other, 504, "5.5.4", "Unrecognized authentication type"), .authmechanism, false, ["EHLO"]),
        ("temporary auth", reply(.auth, other, 454, "4.7.0", "Temporary authentication failure"), .servererror, true, ["Retry"]),
        ("gmail too many logins", reply(.auth, gmail, 454, "4.7.0", "Too many login attempts, please try again later."),
         .accountlocked, true, ["Stop retrying"]),
        ("sender not owned", reply(.mail, other, 553, "5.7.1", "Sender address rejected: not owned by user info@example.com"),
         .senddenied, false, ["not owned"]),
        ("m365 send as", reply(.mail, microsoft, 550, "5.7.60", "SMTP; Client does not have permissions to send as this sender"),
         .senddenied, false, ["Send As"]),
        ("quota at mail", reply(.mail, other, 452, "4.3.1", "Insufficient system storage"), .quotaexceeded, true, ["limit"]),
        ("gmail daily limit", reply(.mail, gmail, 550, "5.4.5", "Daily user sending limit exceeded."), .quotaexceeded, true, ["24 hours"]),
        ("too many recipients", reply(.rcpt, other, 452, "4.5.3", "Too many recipients"), .quotaexceeded, true, ["fewer recipients"]),
        ("too many recipients 5.5.3", reply(.rcpt, other, 552, "5.5.3", "Too many recipients"), .quotaexceeded, false, ["fewer"]),
        ("m365 submission quota", reply(.mail, microsoft, 554, "5.2.0", "STOREDRV.Submission.Exception:SubmissionQuotaExceededException"),
         .quotaexceeded, true, ["24 hours"]),
        ("recipient unknown", reply(.rcpt, other, 550, "5.1.1", "<nobody@example.com>: Recipient address rejected: User unknown",
                                    recipient: "nobody@example.com"), .recipientrejected, false, ["nobody@example.com", "User unknown"]),
        ("bad sender syntax", reply(.mail, other, 501, "5.1.7", "Bad sender address syntax"), .senderrejected, false, ["sender"]),
        ("message too big", reply(.data, other, 552, "5.3.4", "Message size exceeds fixed limit"), .messagerejected, false, ["size"]),
        ("spam", reply(.data, other, 554, "5.7.1", "Message rejected as spam"), .messagerejected, false, ["spam"]),
        ("greeting 421", reply(.greeting, other, 421, "4.3.2", "Service not available, closing transmission channel"),
         .servererror, true, ["421 4.3.2"]),
        ("refused", Failure(stage: .connect, serverHost: other, kind: .refused, detail: "Connection refused"),
         .connectionfailed, false, ["465", "587", "Connection refused"]),
        ("no such host", Failure(stage: .connect, serverHost: "smtp.zone.ee.", kind: .refused, detail: "Name or service not known"),
         .connectionfailed, false, ["typos"]),
        ("timeout", Failure(stage: .connect, serverHost: other, kind: .timedOut, detail: "Operation timed out"), .timeout, true,
         ["465", "587"]),
        ("tls mismatch", Failure(stage: .tls, serverHost: other, kind: .tlsHandshake, detail: "wrong version number"),
         .tlsfailed, false, ["port", "STARTTLS"]),
        ("certificate", Failure(stage: .tls, serverHost: "mail.example.com", kind: .certificate,
                                detail: "certificate verify failed: hostname mismatch"), .certificaterejected, false,
         ["official SMTP host name"]),
        ("no starttls offered", Failure(stage: .ehlo, serverHost: other, kind: .startTLSMissing), .tlsfailed, false, ["465"]),
        ("no auth offered", Failure(stage: .ehlo, serverHost: "mx.example.com", kind: .authUnavailable, mechanism: "PLAIN"),
         .authmechanism, false, ["PLAIN"]),
        ("auth only over TLS", Failure(stage: .auth, serverHost: other, kind: .authOnlyOverTLS), .starttlsrequired, false,
         ["STARTTLS", "587"]),
        ("connection lost", Failure(stage: .data, serverHost: other, kind: .connectionLost, detail: "Connection reset by peer"),
         .connectionfailed, true, ["Retry"]),
        // The token endpoint's answers (RFC 6749 §5.2; Microsoft's AADSTS codes; reference rows 24-26).
        ("refresh token idle 90 days", tokenFailure("invalid_grant", ["AADSTS700082"]), .reauthorizationrequired, false,
         ["events config smtp login alice", "90 days", "refresh --all"]),
        ("grant revoked", tokenFailure("invalid_grant", ["AADSTS50173"]), .reauthorizationrequired, false,
         ["revoked", "events config smtp login alice"]),
        ("sign-in frequency", tokenFailure("invalid_grant", ["AADSTS70043"]), .reauthorizationrequired, false,
         ["sign-in frequency", "administrator"]),
        ("google invalid_grant", tokenFailure("invalid_grant", [], provider: "Google"), .reauthorizationrequired, false,
         ["Testing", "events config smtp login alice"]),
        ("client secret expired", tokenFailure("invalid_client", ["AADSTS7000222"]), .oauthappconfig, false,
         ["client secret"]),
        ("consent missing", tokenFailure("invalid_grant", ["AADSTS65001"]), .reauthorizationrequired, false, ["login"]),
        ("consent_required", tokenFailure("consent_required", ["AADSTS65001"]), .oauthappconfig, false, ["consent"]),
        ("never signed in", tokenFailure("not_signed_in", []), .reauthorizationrequired, false, ["Sign in: `events config smtp login alice`"]),
        ("token endpoint unreachable", tokenFailure(nil, []), .tokenrefreshfailed, true, ["Retry later", "Nothing was sent"]),
        // The profile's secret source could not be read: nothing was sent to AUTH.
        ("secret file missing", secretFailure(), .secretunavailable, false,
         ["file:/etc/firm/alice.pw", "events config smtp set alice --secret file:PATH|env:NAME|command:CMD"]),
    ]

    static func secretFailure() -> Failure {
        var failure = Failure(stage: .auth, serverHost: other, kind: .secretUnavailable,
                              detail: "cannot read the password file '/etc/firm/alice.pw': No such file or directory")
        failure.secretSource = "file:/etc/firm/alice.pw"
        failure.account = "alice"
        return failure
    }

    static func tokenFailure(_ error: String?, _ codes: [String], provider: String = "Microsoft 365") -> Failure {
        var failure = Failure(stage: .auth, serverHost: "smtp.office365.com", kind: .tokenRefresh,
                              detail: "the token endpoint answered \(error ?? "nothing")", mechanism: "XOAUTH2")
        failure.account = "alice"
        failure.providerName = provider
        failure.tokenError = error
        failure.providerCodes = codes
        return failure
    }

    @Test(arguments: cases)
    func diagnosis(_ name: String, _ failure: Failure, _ reason: SubmissionReason, _ transient: Bool, _ words: [String]) {
        let diagnosis = SubmissionDiagnoser.diagnose(failure)
        #expect(diagnosis.reason == reason, "\(name)")
        #expect(diagnosis.transient == transient, "\(name)")
        #expect(!diagnosis.cause.isEmpty && !diagnosis.remedy.isEmpty, "\(name)")
        let both = diagnosis.cause + " " + diagnosis.remedy
        for word in words {
            #expect(both.contains(word), "\(name): “\(word)” missing from \(both)")
        }
        if failure.kind == .reply, failure.replyCode != 334, let code = failure.replyCode {
            #expect(diagnosis.cause.contains("\(code)"), "\(name): cause quotes the reply")
            #expect(diagnosis.replyCode == code)
        }
        if failure.replyCode == 535 { #expect(!diagnosis.transient, "535 is never transient") }
    }

    @Test func everyReasonIsReachable() {
        let reached = Set(Self.cases.map { SubmissionDiagnoser.diagnose($0.1).reason })
        #expect(reached == Set(SubmissionReason.allCases), "unreached: \(Set(SubmissionReason.allCases).subtracting(reached))")
    }

    @Test func aContinuationIsNeverTheCause() {
        for text in ["334 ", "334", "334 eyJzdGF0dXMiOiI0MDEifQ==", "eyJzdGF0dXMiOiI0MDEifQ=="] {
            let failure = Failure(stage: .auth, serverHost: Self.gmail, kind: .reply, replyCode: 334, replyText: text,
                                  mechanism: "XOAUTH2")
            let diagnosis = SubmissionDiagnoser.diagnose(failure)
            #expect(diagnosis.reason == .oauthtokenrejected)
            #expect(!diagnosis.cause.contains("334"))
            #expect(!diagnosis.cause.contains("eyJ"))
            #expect(diagnosis.cause.count > 40)
        }
    }

    @Test func multiLineRepliesAreQuotedOnce() {
        let failure = Self.reply(.auth, Self.gmail, 535, "5.7.8",
                                 "535-5.7.8 Username and Password not accepted. For more information, go to\r\n"
                                    + "535 5.7.8  https://support.google.com/mail/?p=BadCredentials")
        let cause = SubmissionDiagnoser.diagnose(failure).cause
        #expect(cause.contains("“535 5.7.8 Username and Password not accepted. For more information, go to https://"))
    }

    @Test func statusAndCodeAreKept() {
        let diagnosis = SubmissionDiagnoser.diagnose(Self.reply(.auth, Self.gmail, 534, "5.7.9", "Application-specific password required."))
        #expect(diagnosis.status == "5.7.9")
        #expect(diagnosis.replyCode == 534)
    }
}
