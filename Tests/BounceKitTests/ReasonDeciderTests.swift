import BounceKit
import Testing

@Suite("ReasonDecider")
struct ReasonDeciderTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let action: String
        let status: String?
        let diagnostic: String?
        var type: String? = nil
        var command: SMTPCommand? = nil
        let expected: Reason
        var testDescription: String { "\(action) \(status ?? "-") \(diagnostic ?? "-") → \(expected)" }
    }

    static let cases: [Case] = [
        Case(action: "failed", status: "5.1.1", diagnostic: "550 5.1.1 <a@b>: User unknown", expected: .userunknown),
        Case(action: "failed", status: "5.0.0", diagnostic: "550 Unknown user a@b", command: .data, expected: .filtered),
        Case(action: "failed", status: "5.1.1", diagnostic: "550 5.1.1 user unknown", command: .data, expected: .userunknown),
        Case(action: "failed", status: "5.2.2", diagnostic: "552 5.2.2 Mailbox full", expected: .mailboxfull),
        Case(action: "failed", status: "4.4.1", diagnostic: "connect to mx.example.com[192.0.2.1]:25: Connection timed out", expected: .expired),
        Case(action: "failed", status: "4.2.2", diagnostic: "452 4.2.2 Over quota", expected: .mailboxfull),
        Case(action: "failed", status: "5.7.1", diagnostic: "550 5.7.1 Service unavailable; client [192.0.2.1] blocked using zen.spamhaus.org", expected: .blocked),
        Case(action: "failed", status: "5.7.26", diagnostic: "550 5.7.26 Unauthenticated email is not accepted due to DMARC policy", expected: .authfailure),
        Case(action: "failed", status: "5.1.1", diagnostic: "550 5.1.1 <a@b> - 203.0.113.1 has sent to too many recipients this hour", expected: .ratelimited),
        Case(action: "failed", status: "5.3.0", diagnostic: "255", type: "x-unix", expected: .mailererror),
        Case(action: "failed", status: "5.7.1", diagnostic: "554 5.7.1 <a@b>: Relay access denied", expected: .norelaying),
        Case(action: "delayed", status: "4.4.1", diagnostic: "connect to x: Connection refused", expected: .networkerror),
        Case(action: "delayed", status: "4.0.0", diagnostic: "", expected: .expired),
        Case(action: "delivered", status: "2.0.0", diagnostic: "250 ok", expected: .delivered),
        Case(action: "failed", status: "5.0.0", diagnostic: nil, expected: .onhold),
    ]

    @Test(arguments: cases)
    func decides(_ item: Case) {
        let evidence = Evidence(action: item.action, status: item.status.flatMap { StatusCode($0) },
                                diagnostic: item.diagnostic, diagnosticType: item.type, command: item.command)
        #expect(ReasonDecider.decide(evidence).reason == item.expected)
    }
}
