import BounceKit
import MailModel
import Testing

@Suite("DeliveryStatus (RFC 3464)")
struct DeliveryStatusTests {
    static let body = """
        Reporting-MTA: dns; mx.example.org
        X-Postfix-Queue-ID: 1234
        Original-Envelope-Id: ENV-42
        Arrival-Date: Mon, 2 Nov 2026 10:00:00 +0000

        Final-Recipient: rfc822; <One@Example.COM>
        Original-Recipient: rfc822;one@example.com
        Action: failed
        Status: 5.1.1 (user unknown)
        Remote-MTA: dns; mx.example.com [192.0.2.1]
        Diagnostic-Code: smtp; 550 5.1.1 <one@example.com>: Recipient address
            rejected: User unknown
        Last-Attempt-Date: Mon, 2 Nov 2026 10:00:05 +0000

        Final-Recipient: rfc822; two@example.net
        Action: delayed
        Status: 4.4.1
        Will-Retry-Until: Fri, 6 Nov 2026 10:00:00 +0000

        """

    /// Field lines unfolded: each continuation trimmed and added after one space, the whole value
    /// trimmed (the first line's own trailing space stays inside); a line that is no field ends
    /// the block or is skipped.
    @Test func headerBlocksUnfoldTheirFields() {
        let text: Substring = "A:  one \n\t two  \n   three\nB:x\nnot a field\nC: \n D\n"
        let fields = HeaderBlock.parse(text)
        #expect(fields.map(\.name) == ["A", "B", "C"])
        #expect(fields.map(\.value) == ["one  two three", "x", "D"])
        #expect(HeaderBlock.parse(text, stopAtNonField: true).map(\.name) == ["A", "B"])
    }

    /// CRLF line ends, lines that only look like fields (a space or a non-ASCII byte in the name,
    /// no name), a continuation with no field before it, a last line without a line break, and a
    /// block that is a slice of a longer text.
    @Test func headerBlocksReadOnlyFieldLines() {
        let text: Substring = "X-A: 1\r\n\r\n cont\r\nBad Name: v\r\n: empty\r\nÜ: u\r\nB: é\r\n  f \r\nC:last"
        let fields = HeaderBlock.parse(text)
        #expect(fields.map(\.name) == ["X-A", "B", "C"])
        #expect(fields.map(\.value) == ["1", "é f", "last"])
        #expect(HeaderBlock.parse(text, stopAtNonField: true).map(\.name) == ["X-A"])
        let whole = "junk\nA: 1\nB: 2\n"
        #expect(HeaderBlock.parse(whole.dropFirst(5)).map(\.value) == ["1", "2"])
    }

    @Test func perMessageFields() {
        let report = DeliveryStatus.parse(Self.body)
        #expect(report.perMessage.reportingMTA == "mx.example.org")
        #expect(report.perMessage.originalEnvelopeID == "ENV-42")
        #expect(report.perMessage.arrivalDate == "Mon, 2 Nov 2026 10:00:00 +0000")
        #expect(report.perMessage.fields["x-postfix-queue-id"] == "1234")
    }

    @Test func perRecipientFieldsWithFoldedDiagnostic() throws {
        let report = DeliveryStatus.parse(Self.body)
        try #require(report.recipients.count == 2)
        let first = report.recipients[0]
        #expect(first.finalRecipient == "One@example.com")
        #expect(first.originalRecipient == "one@example.com")
        #expect(first.action == "failed")
        #expect(first.status?.description == "5.1.1")
        #expect(first.remoteMTA == "mx.example.com [192.0.2.1]")
        #expect(first.diagnosticType == "smtp")
        #expect(first.diagnosticCode == "550 5.1.1 <one@example.com>: Recipient address rejected: User unknown")
        #expect(first.lastAttemptDate == "Mon, 2 Nov 2026 10:00:05 +0000")
        #expect(report.recipients[1].willRetryUntil == "Fri, 6 Nov 2026 10:00:00 +0000")
        #expect(report.recipients[1].action == "delayed")
    }

    @Test func recipientsWithoutBlankLinesBetweenThem() {
        let body = """
            Reporting-MTA: dns; a.example
            Final-Recipient: rfc822; a@x.example
            Action: failed
            Status: 5.0.0
            Final-Recipient: rfc822; b@x.example
            Action: failed
            Status: 5.2.2
            """
        let report = DeliveryStatus.parse(body)
        #expect(report.recipients.map(\.recipient) == ["a@x.example", "b@x.example"])
        #expect(report.perMessage.reportingMTA == "a.example")
    }
}
