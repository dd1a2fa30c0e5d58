@testable import BounceKit
import Testing

/// Replies as the MTAs and providers document them (their manuals, source and published code
/// lists), each with the reason its meaning gives. Written by hand, none copied from a corpus file.
@Suite("Documented reply wording")
struct DocumentedWordingTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let status: String
        let diagnostic: String
        let reason: Reason
        let source: String
        var testDescription: String { "\(source): \(diagnostic)" }
    }

    static let cases: [Case] = [
        Case(status: "5.1.1", diagnostic: "550 5.1.1 <a@example.com>: Recipient address rejected: User unknown in virtual mailbox table",
             reason: .userunknown, source: "Postfix smtpd"),
        Case(status: "5.7.1", diagnostic: "554 5.7.1 <a@example.com>: Relay access denied", reason: .norelaying, source: "Postfix smtpd"),
        Case(status: "5.7.1", diagnostic: "554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org",
             reason: .blocked, source: "Postfix reject_rbl_client"),
        Case(status: "5.7.1", diagnostic: "554 5.7.1 <unknown[192.0.2.1]>: Client host rejected: Access denied", reason: .blocked,
             source: "Postfix check_client_access"),
        Case(status: "4.1.8", diagnostic: "450 4.1.8 <a@example.com>: Sender address rejected: Domain not found", reason: .rejected,
             source: "Postfix reject_unknown_sender_domain"),
        Case(status: "5.7.0", diagnostic: "530 5.7.0 Must issue a STARTTLS command first", reason: .failedstarttls,
             source: "Postfix smtpd_tls_security_level=encrypt"),
        Case(status: "5.3.4", diagnostic: "message size 123456 exceeds size limit 100000 of server mx.example.com[192.0.2.1]",
             reason: .emailtoolarge, source: "Postfix smtp client"),
        Case(status: "5.4.4", diagnostic: "Host or domain name not found. Name service error for name=example.invalid type=A: Host not found",
             reason: .hostunknown, source: "Postfix smtp client"),
        Case(status: "5.0.0", diagnostic: "Unrouteable address", reason: .hostunknown, source: "Exim routers"),
        Case(status: "5.0.0", diagnostic: "SMTP error from remote mail server after RCPT TO:<a@example.com>: 550 Administrative prohibition",
             reason: .policyviolation, source: "Exim ACL deny default message"),
        Case(status: "5.1.1", diagnostic: "553 5.1.1 <a@example.com>... Addressee unknown, relay=mx.example.com", reason: .userunknown,
             source: "sendmail"),
        Case(status: "5.3.4", diagnostic: "552 5.3.4 Message size exceeds fixed limit", reason: .emailtoolarge, source: "sendmail"),
        Case(status: "4.4.7", diagnostic: "Message could not be delivered for 5 days", reason: .expired, source: "sendmail Timeout.queuereturn"),
        Case(status: "5.1.1", diagnostic: "550 5.1.1 The email account that you tried to reach does not exist.", reason: .userunknown,
             source: "Gmail"),
        Case(status: "5.2.2", diagnostic: "552 5.2.2 The email account that you tried to reach is over quota.", reason: .mailboxfull,
             source: "Gmail"),
        Case(status: "5.7.26", diagnostic: "550 5.7.26 This mail has been blocked because the sender is unauthenticated.",
             reason: .authfailure, source: "Gmail"),
        Case(status: "5.1.10", diagnostic: "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup",
             reason: .userunknown, source: "Microsoft 365 NDR"),
        Case(status: "5.7.606", diagnostic: "550 5.7.606 Access denied, banned sending IP [192.0.2.1]", reason: .blocked,
             source: "Microsoft 365 NDR"),
        Case(status: "5.7.23", diagnostic: "550 5.7.23 The message was rejected because of Sender Policy Framework violation",
             reason: .authfailure, source: "RFC 7372"),
        Case(status: "5.4.14", diagnostic: "554 5.4.14 Hop count exceeded - possible mail loop", reason: .networkerror,
             source: "Microsoft 365 NDR"),
        Case(status: "5.2.2", diagnostic: "552 5.2.2 <a@example.com> Quota exceeded (mailbox for user is full)", reason: .mailboxfull,
             source: "Dovecot quota"),
        Case(status: "5.7.1", diagnostic: "554 5.7.1 Rejected: message contains a banned attachment (.exe)", reason: .contenterror,
             source: "attachment filters"),
        Case(status: "5.0.0", diagnostic: "500 Line limit exceeded", reason: .notcompliantrfc, source: "RFC 5322 §2.1.1 line limit"),
        Case(status: "4.7.1", diagnostic: "450 4.7.1 <a@example.com>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/example.com.html",
             reason: .expired, source: "postgrey, until the queue lifetime ends"),
        Case(status: "4.7.0", diagnostic: "421 4.7.0 mx.example.com Error: too many connections from 192.0.2.1", reason: .ratelimited,
             source: "Postfix anvil"),
        Case(status: "5.7.1", diagnostic: "554 5.7.1 Message rejected: virus found: Sanesecurity.Junk.52373.UNOFFICIAL",
             reason: .spamdetected, source: "ClamAV with Sanesecurity signatures (category in the name)"),
        Case(status: "5.7.1", diagnostic: "554 5.7.1 Message rejected: virus found: Win.Trojan.Agent-123",
             reason: .virusdetected, source: "ClamAV"),
        Case(status: "5.1.6", diagnostic: "551 not our customer", reason: .userunknown, source: "RFC 5321 551 with words naming the address"),
    ]

    @Test(arguments: cases)
    func readsByMeaning(_ item: Case) {
        let evidence = Evidence(action: "failed", status: StatusCode(item.status), replyCode: ReplyCode.first(in: item.diagnostic),
                                diagnostic: item.diagnostic)
        let decision = ReasonDecider.$recordsSteps.withValue(true) { ReasonDecider.decide(evidence) }
        #expect(decision.reason == item.reason, "\(decision.steps.joined(separator: "\n"))")
    }
}
