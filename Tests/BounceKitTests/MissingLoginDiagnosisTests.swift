import BounceKit
import Testing

/// A refusal of a session that never signed in is the profile's missing login (`authrequired`),
/// not the recipient's address; the same refusal after AUTH, or a real recipient refusal, keeps
/// its reason. And a secret that could not be read is `secretunavailable`, naming its source.
@Suite("SubmissionDiagnoser: missing login and unreadable secret")
struct MissingLoginDiagnosisTests {
    static func refusal(_ stage: SubmissionFailure.Stage, _ code: Int, _ status: String?, _ text: String,
                        signedIn: Bool) -> SubmissionFailure {
        var failure = SubmissionFailure(stage: stage, serverHost: "mail.firm.test", kind: .reply, replyCode: code,
                                        enhancedStatus: status, replyText: text, recipient: "client@example.com")
        failure.signedIn = signedIn
        return failure
    }

    static let refusals: [(SubmissionFailure.Stage, Int, String?, String)] = [
        (.rcpt, 554, "5.7.1", "<client@example.com>: Relay access denied"),
        (.rcpt, 554, "5.7.1", "<localhost[127.0.0.1]>: Client host rejected: Access denied"),
        (.mail, 530, "5.7.0", "Authentication required"),
        (.mail, 530, nil, "Must issue a STARTTLS command first or authenticate"),
        (.mail, 530, "5.7.57", "Client not authenticated to send mail. [AM0PR01CA0001]"),
        (.rcpt, 550, "5.7.1", "Unable to relay for client@example.com"),
    ]

    @Test(arguments: refusals)
    func refusalWithoutLoginIsAuthRequired(_ stage: SubmissionFailure.Stage, _ code: Int, _ status: String?, _ text: String) {
        let diagnosis = SubmissionDiagnoser.diagnose(Self.refusal(stage, code, status, text, signedIn: false))
        #expect(diagnosis.reason == .authrequired, "\(text)")
        #expect(diagnosis.cause.contains("no login"))
        #expect(diagnosis.cause.contains(text.prefix(20)))
        #expect(diagnosis.remedy.contains("--username"))
        #expect(diagnosis.remedy.contains("--secret file:PATH|env:NAME|command:CMD"))
        #expect(!diagnosis.remedy.contains("recipient's address for typos"))
        #expect(diagnosis.replyCode == code)
    }

    @Test func sameRefusalAfterSigningInIsNotAboutTheLogin() {
        let diagnosis = SubmissionDiagnoser.diagnose(Self.refusal(.rcpt, 554, "5.7.1", "<client@example.com>: Relay access denied",
                                                                  signedIn: true))
        #expect(!diagnosis.cause.contains("no login"))
    }

    @Test func unknownRecipientWithoutLoginStaysRecipientRejected() {
        let diagnosis = SubmissionDiagnoser.diagnose(Self.refusal(.rcpt, 550, "5.1.1", "<client@example.com>: Recipient address "
            + "rejected: User unknown in local recipient table", signedIn: false))
        #expect(diagnosis.reason == .recipientrejected)
    }

    @Test func policyRefusalOfARecipientWithoutLoginStaysRecipientRejected() {
        let diagnosis = SubmissionDiagnoser.diagnose(Self.refusal(.rcpt, 550, "5.7.1", "<x@refused.test>: Recipient address "
            + "rejected: recipients at refused.test are refused by this test server's policy", signedIn: false))
        #expect(diagnosis.reason == .recipientrejected)
    }

    @Test(arguments: [
        ("file:/etc/firm/mari.pw", "cannot read the password file '/etc/firm/mari.pw': No such file or directory", "/etc/firm/mari.pw"),
        ("env:MARI_SMTP_PASSWORD", "the password variable $MARI_SMTP_PASSWORD is not set (or empty) in this environment",
         "$MARI_SMTP_PASSWORD"),
        ("command:pass show smtp/mari", "the password command failed: exit status 1", "Run the command by hand"),
    ])
    func unreadableSecretNamesItsSource(_ source: String, _ detail: String, _ remedyWords: String) {
        var failure = SubmissionFailure(stage: .auth, serverHost: "smtp.zone.ee", kind: .secretUnavailable, detail: detail)
        failure.secretSource = source
        failure.account = "MARI"
        let diagnosis = SubmissionDiagnoser.diagnose(failure)
        #expect(diagnosis.reason == .secretunavailable)
        #expect(diagnosis.cause.contains(source))
        #expect(diagnosis.cause.contains(detail))
        #expect(diagnosis.remedy.contains(remedyWords))
        #expect(diagnosis.remedy.contains("events config smtp set MARI --secret file:PATH|env:NAME|command:CMD"))
        #expect(diagnosis.transient == false)
    }
}
