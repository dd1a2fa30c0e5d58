@testable import BounceKit
import MailCore
import Testing

/// The fixed precedence of the reason decision (ReasonDecider): each case stands for a class of
/// reports, written by hand from the RFCs and the MTAs' documented wording.
@Suite("Reason precedence")
struct ReasonPrecedenceTests {
    static func classify(action: String, status: String, diagnostic: String) -> Finding {
        BounceClassifier().classify(MIMEParser.parse(Array(BounceClassifierTests.report(
            action: action, status: status, diagnostic: diagnostic).utf8)))[0]
    }

    static func decide(action: String? = "failed", status: String?, _ diagnostic: String, command: SMTPCommand? = nil) -> ReasonDecision {
        ReasonDecider.decide(Evidence(action: action, status: status.flatMap(StatusCode.init), replyCode: ReplyCode.first(in: diagnostic),
                                      diagnostic: diagnostic, command: command))
    }

    /// RFC 3464 §2.3.3 and RFC 3463 §3.1: only `failed` and `delayed` are failures, and a 2.x.x
    /// status is a success — whatever the words say.
    @Test(arguments: [
        ("deliverable", "2.1.5", "250 2.1.5 Ok"),        // Postfix address verification (sendmail -bv)
        ("delivered", "5.1.1", "550 5.1.1 user unknown"),
        ("relayed", "4.0.0", "relayed to a non-DSN MTA"),
        ("expanded", "2.0.0", "alias expanded"),
        ("failed", "2.0.0", "250 2.0.0 Ok: queued as 4711"),
    ])
    func aSuccessIsNeverAFailure(_ action: String, _ status: String, _ diagnostic: String) {
        let finding = Self.classify(action: action, status: status, diagnostic: diagnostic)
        #expect(finding.kind == .delivered)
        #expect(finding.reason == .delivered)
        #expect(!finding.isFailure)
        #expect(finding.rule.hasPrefix("outcome"))
    }

    @Test func actionVariantsReadByMeaning() {
        #expect(Self.classify(action: "failure", status: "5.1.1", diagnostic: "550 5.1.1 no such user").kind == .bounce)
        #expect(Self.classify(action: "delayed", status: "2.0.0", diagnostic: "250 ok").kind == .delay)
    }

    /// Specific words beat any code: RFC 3463 codes are chosen by the receiver's software, the
    /// words by what it found.
    @Test func specificWordsBeatAPreciseCode() {
        let decision = Self.decide(status: "5.1.6", "551 not our customer")
        #expect(decision.reason == .userunknown)
        #expect(decision.rule.contains("specific phrase"))
        #expect(Self.decide(status: "5.1.1", "550 5.1.1 <a@b> has sent to too many recipients this hour").reason == .ratelimited)
    }

    /// A generic code (x.0.0) never names a reason; the words or nothing do.
    @Test func aGenericCodeInventsNothing() {
        #expect(Self.decide(status: "5.0.0", "550 Requested action not taken").reason == .onhold)
        #expect(Self.decide(status: "5.0.0", "550 Requested action not taken").rule == "nothing names a reason")
    }

    /// The status is one the report shows: the remote's own specific code as written, never the
    /// Status field's class grafted onto it (Exim writes 5.0.0 for an expiry the remote answered
    /// with 4.7.1).
    @Test func theStatusIsOneTheReportShows() {
        let finding = Self.classify(action: "failed", status: "5.0.0",
                                    diagnostic: "host mx.example.com [192.0.2.1]: 450 4.7.1 <a@example.com>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/example.com.html: retry timeout exceeded")
        #expect(finding.status?.description == "4.7.1")
        #expect(finding.reason == .expired)
        #expect(finding.kind == .bounce)
    }

    /// A failure whose retries ran out: greylisting or a refused connection until the queue
    /// lifetime ends is an expiry, not a block or a security rule.
    @Test(arguments: [
        ("4.4.7", "Deferred: Connection refused by mx.example.net."),        // sendmail: Timeout.queuereturn
        ("4.4.1", "connect to mx.example.net[192.0.2.1]:25: Connection refused"), // Postfix: maximal_queue_lifetime
        ("4.7.1", "450 4.7.1 <a@example.net>: Recipient address rejected: Greylisted for 300 seconds"),
        ("4.0.0", "451 Temporary local problem - please try later: greylisted"),
    ])
    func retriesRunOutAreExpired(_ status: String, _ diagnostic: String) {
        #expect(Self.decide(status: status, diagnostic).reason == .expired)
    }

    @Test func aDelayNoticeNamesItsCauseOrIsStillBeingRetried() {
        #expect(Self.decide(action: "delayed", status: "4.2.2", "452 4.2.2 Mailbox full").reason == .mailboxfull)
        #expect(Self.decide(action: "delayed", status: "4.7.1", "450 4.7.1 Greylisted, try again later").reason == .expired)
        #expect(Self.decide(action: "delayed", status: "4.4.1", "connect to x[192.0.2.1]: Connection timed out").reason == .networkerror)
    }

    /// Routing failures name the domain, not the mailbox (Exim's "Unrouteable address").
    @Test func anUnroutableAddressIsItsDomain() {
        #expect(Self.decide(status: "5.0.0", "Unrouteable address").reason == .hostunknown)
    }

    /// RFC 5321 §3.1: refused at the greeting or HELO with no words to say why, before any
    /// recipient: the sending host is refused.
    @Test func aBareRefusalAtTheGreetingIsABlock() {
        #expect(Self.decide(status: "5.0.0", "550 Rejected", command: .helo).reason == .blocked)
        #expect(Self.decide(status: "5.0.0", "550 Rejected", command: .rcpt).reason == .onhold)
    }

    /// Every finding says which rule decided it, and a decided one how.
    @Test func everyDecisionHasARuleAndStepsWhenAsked() {
        #expect(Self.decide(status: "5.1.1", "550 5.1.1 user unknown", command: .rcpt).steps.isEmpty)
        let decision = ReasonDecider.$recordsSteps.withValue(true) {
            Self.decide(status: "5.1.1", "550 5.1.1 user unknown", command: .rcpt)
        }
        #expect(decision.rule == "status 5.1.1 (RFC 3463)")
        #expect(decision.steps.first?.hasPrefix("evidence: action failed, status 5.1.1, reply 550, answering") == true)
        #expect(decision.steps.last == "→ userunknown: status 5.1.1 (RFC 3463)")
        let report = BounceClassifierTests.report(action: "failed", status: "5.2.2", diagnostic: "552 5.2.2 Mailbox full")
        let plain = Self.classify(action: "failed", status: "5.2.2", diagnostic: "552 5.2.2 Mailbox full")
        #expect(plain.rule.contains("mailbox full"))
        #expect(plain.trace.isEmpty)
        let explained = BounceClassifier(recordsSteps: true).classify(MIMEParser.parse(Array(report.utf8)))[0]
        #expect(explained.rule == plain.rule)
        #expect(explained.trace.last == "→ mailboxfull: \(plain.rule)")
    }
}
