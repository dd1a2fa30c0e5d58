import BounceKit
import MailCore
import Testing

@Suite("BounceClassifier on delivery reports")
struct BounceClassifierTests {
    static func report(action: String, status: String, diagnostic: String, extraRecipient: Bool = false) -> String {
        var text = """
            From: MAILER-DAEMON@mx.example.org (Mail Delivery System)
            Subject: Undelivered Mail Returned to Sender
            MIME-Version: 1.0
            Content-Type: multipart/report; report-type=delivery-status; boundary="B"

            --B
            Content-Type: text/plain

            I'm sorry to have to inform you...

            --B
            Content-Type: message/delivery-status

            Reporting-MTA: dns; mx.example.org
            Original-Envelope-Id: env-1

            Final-Recipient: rfc822; a@example.com
            Action: \(action)
            Status: \(status)
            Remote-MTA: dns; mx.example.com
            Diagnostic-Code: smtp; \(diagnostic)

            """
        if extraRecipient {
            text += """
                Final-Recipient: rfc822; b@example.com
                Action: failed
                Status: 5.2.2
                Diagnostic-Code: smtp; 552 5.2.2 Mailbox full

                """
        }
        text += """
            --B
            Content-Type: message/rfc822

            Message-ID: <sent-1@erp.example>
            Subject: Invoice 42
            From: company@event.data.directo.ee
            X-Events-Tag: abc

            body
            --B--

            """
        return text
    }

    static func classify(_ text: String) -> [Finding] {
        BounceClassifier().classify(MIMEParser.parse(Array(text.utf8)))
    }

    @Test func oneFindingPerRecipientWithTheOriginal() throws {
        let findings = Self.classify(Self.report(action: "failed", status: "5.1.1", diagnostic: "550 5.1.1 User unknown", extraRecipient: true))
        try #require(findings.count == 2)
        #expect(findings[0].kind == .bounce)
        #expect(findings[0].recipient == "a@example.com")
        #expect(findings[0].reason == .userunknown)
        #expect(findings[0].hard)
        #expect(findings[0].replyCode?.value == 550)
        #expect(findings[0].remoteMTA == "mx.example.com")
        #expect(findings[0].reportingMTA == "mx.example.org")
        #expect(findings[0].envelopeID == "env-1")
        #expect(findings[0].original?.messageID == "sent-1@erp.example")
        #expect(findings[0].original?.subject == "Invoice 42")
        #expect(findings[0].original?.extensionHeaders.first?.value == "abc")
        #expect(findings[1].recipient == "b@example.com")
        #expect(findings[1].reason == .mailboxfull)
        #expect(findings[1].hard == false)
    }

    @Test func specificDiagnosticCodeBeatsGenericStatus() {
        let finding = Self.classify(Self.report(action: "failed", status: "5.0.0", diagnostic: "550 5.2.2 mailbox full"))[0]
        #expect(finding.status?.description == "5.2.2")
        #expect(finding.reason == .mailboxfull)
    }

    @Test func failedWithTransientStatusIsABounce() {
        let finding = Self.classify(Self.report(action: "failed", status: "4.4.1", diagnostic: "connect to mx: Connection timed out"))[0]
        #expect(finding.kind == .bounce)
        #expect(finding.reason == .expired)
    }

    @Test(arguments: [("delayed", Finding.Kind.delay), ("delivered", .delivered), ("relayed", .delivered), ("expanded", .delivered)])
    func kindFollowsAction(_ action: String, _ kind: Finding.Kind) {
        #expect(Self.classify(Self.report(action: action, status: "2.0.0", diagnostic: "250 ok"))[0].kind == kind)
    }

    @Test func aMessageThatIsNoReportIsUnrecognized() {
        let findings = Self.classify("From: a@b\nSubject: hello\n\nJust a note.\n")
        #expect(findings.map(\.kind) == [.unrecognized])
    }
}
