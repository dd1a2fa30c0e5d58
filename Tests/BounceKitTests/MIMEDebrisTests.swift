import BounceKit
import MailCore
import Testing

/// Diagnostics keep what the server said, not the MIME structure around it.
@Suite("MIME debris in diagnostics")
struct MIMEDebrisTests {
    /// A Postfix report forwarded as plain text: its own MIME parts are just text, so the
    /// recipient's block runs on into the next part's boundary and headers (as in the corpus's
    /// lhost-postfix-49, rebuilt here with made-up names).
    static let forwardedReport = """
        From: MAILER-DAEMON@gateway.test
        To: sender@events.test
        Subject: Undelivered Mail Returned to Sender
        Date: Sun, 22 Nov 2026 13:04:58 +0000
        MIME-Version: 1.0
        Content-Type: text/plain; charset=us-ascii

        The report below was forwarded as plain text.

        ---------------------------------
        From: MAILER-DAEMON@relay.test (Mail Delivery System)
        Subject: Undelivered Mail Returned to Sender
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=delivery-status;
        \tboundary="Q1234.5678/relay.test"

        This is a MIME-encapsulated message.

        --Q1234.5678/relay.test
        Content-Description: Notification
        Content-Type: text/plain

        This is the Postfix program at host relay.test.

        I'm sorry to have to inform you that your message could not
        be delivered to one or more recipients.

        <someone@remote.test>: host mx.remote.test[192.0.2.9] said: 550 5.1.1
            <someone@remote.test>: Recipient address rejected: User unknown

        --Q1234.5678/relay.test
        Content-Description: Delivery report
        Content-Type: message/delivery-status

        Reporting-MTA: dns; relay.test

        """

    @Test func aForwardedReportsDiagnosticStopsAtTheNextPart() throws {
        let findings = BounceClassifier().classify(MIMEParser.parse(Array(Self.forwardedReport.utf8)))
        let finding = try #require(findings.first { $0.recipient == "someone@remote.test" })
        let diagnostic = try #require(finding.diagnostic)
        #expect(diagnostic.hasSuffix("Recipient address rejected: User unknown"))
        #expect(!diagnostic.contains("Q1234"))
        #expect(!diagnostic.contains("Content-"))
        #expect(finding.reason == .userunknown)
    }

    @Test(arguments: [
        // Folded text as stored before the fix: a boundary, then part headers.
        ("421 Service not available, closing transmission channel --F5CC7626C47D.1687569380/relay.test "
            + "Content-Description: Delivery report Content-Type: message/delivery-status Reporting-MTA: dns; relay.test",
         "421 Service not available, closing transmission channel"),
        // Part headers ending the text.
        ("550 User Unknown Subject:Nyaaan Content-Type:text/plain; charset=\"UTF-8\"", "550 User Unknown Subject:Nyaaan"),
        ("550 5.1.1 unknown MIME-Version: 1.0 Content-Type: text/plain", "550 5.1.1 unknown"),
        // Lines: a boundary line ends the text, header lines go, a quoted-printable soft break joins.
        ("550 5.1.1 <a@b.test>: Recipient address rejected: this line is long enough to be soft-broke=\nn here\n"
            + "Content-Transfer-Encoding: 7bit\n\n------=_Part_12_34.56\nContent-Type: text/plain\nmore",
         "550 5.1.1 <a@b.test>: Recipient address rejected: this line is long enough to be soft-broken here"),
        // Runs of white space fold.
        ("550   5.1.1\t user   unknown", "550 5.1.1 user unknown"),
    ])
    func debrisIsRemoved(_ text: String, _ expected: String) {
        #expect(DiagnosticText.withoutMIMEDebris(text) == expected)
    }

    @Test(arguments: [
        // Not debris: dashes in a transcript, `=` in reply data, a header name inside a sentence.
        "----- Transcript of session follows ----- 550 5.1.1 unknown",
        "554 5.7.0 Reject, id=20025-09 - SPAM",
        "c=jp;a= ;p=example;l=STRAYCAT",
        "552 5.6.0 Content-Type: multipart/mixed is not accepted for messages to this list, sorry about that",
    ])
    func replyTextIsKept(_ text: String) {
        #expect(DiagnosticText.withoutMIMEDebris(text) == text)
    }
}
