import BounceKit
import MailCore
import Testing

/// Notices that a message arrived (read receipts, Exchange's delivery and relay notices) and
/// messages that only sound like bounces are never failures.
@Suite("Delivery notices and look-alikes")
struct DeliveryNoticeTests {
    static func classify(_ text: String) -> [Finding] {
        BounceClassifier().classify(MIMEParser.parse(Array(text.utf8)))
    }

    /// RFC 8098: a message disposition notification.
    @Test func aReadReceiptIsADelivery() throws {
        let findings = Self.classify("""
            From: Peeter Kask <peeter@example.net>
            To: company@event.data.directo.ee
            Subject: Read: Invoice 42
            MIME-Version: 1.0
            Content-Type: multipart/report; report-type=disposition-notification; boundary="R"

            --R
            Content-Type: text/plain

            This receipt verifies that the message has been displayed on the recipient's computer.

            --R
            Content-Type: message/disposition-notification

            Reporting-UA: peeter-pc; Microsoft Outlook 16.0
            Final-Recipient: rfc822;peeter@example.net
            Original-Message-ID: <sent-1@erp.example>
            Disposition: manual-action/MDN-sent-manually; displayed

            --R--

            """)
        let finding = try #require(findings.first)
        #expect(findings.count == 1)
        #expect(finding.kind == .delivered)
        #expect(finding.recipient == "peeter@example.net")
        #expect(finding.original?.messageID == "sent-1@erp.example")
        #expect(finding.rule == "read receipt (RFC 8098): displayed")
        #expect(finding.cause.contains("read receipt"))
        #expect(!finding.isFailure)
    }

    /// Exchange's plain-text "Delivered:" and "Relayed:" notices.
    @Test(arguments: [
        ("Delivered: Invoice 42", "Your message has been delivered to the following recipients:"),
        ("Relayed: Invoice 42", "Delivery to these recipients or groups is complete, but no delivery notification was sent by the destination server:"),
    ])
    func exchangeNoticesAreDeliveries(_ subject: String, _ sentence: String) throws {
        let findings = Self.classify("""
            From: Microsoft Outlook <postmaster@example.net>
            To: company@event.data.directo.ee
            Subject: \(subject)
            Content-Type: text/plain

            \(sentence)

            peeter@example.net (peeter@example.net)

            Subject: Invoice 42

            """)
        #expect(findings.map(\.kind) == [.delivered])
        #expect(findings.first?.recipient == "peeter@example.net")
    }

    /// A newsletter from a shop saying something "could not be delivered" is no bounce: only mail
    /// sent unattended (no From, mail software, a no-reply mailbox, Auto-Submitted) and no list
    /// mail is read as a bounce on its opening words alone.
    @Test func aNewsletterIsNoBounce() {
        let findings = Self.classify("""
            From: News <news@shop.example>
            To: company@event.data.directo.ee
            Subject: Our December offers
            Content-Type: text/plain

            Your order could not be delivered? Contact support@shop.example, we help.

            """)
        #expect(findings.allSatisfy { !$0.isFailure })
        let noReply = Self.classify("""
            From: no-reply@mail.example.jp
            To: company@event.data.directo.ee
            Subject: Mail
            Content-Type: text/plain

            Your message could not be delivered to the following address:
            someone@mail.example.jp

            """)
        #expect(noReply.map(\.kind) == [.bounce])
    }
}
