@testable import BounceKit
import MailModel
import Testing

/// The header section of an original written inline in a text report.
@Suite("Inline headers")
struct InlineHeadersTests {
    /// The fields a reader uses are kept whatever their case, with every `X-` field; others (and
    /// names that only resemble a kept one) are not.
    @Test func keptFieldsAreFoundInAnyCase() {
        let text = """
            Received: from a by b
            MESSAGE-ID: <1@example.org>
            subject: Invoice
             42
            From: Sender <s@example.org>
            TO: r@example.net
            Date: Sun, 22 Nov 2026 13:04:58 +0000
            Return-PATH: <s@example.org>
            SendeR: t@example.org
            x-Mailer: ERP
            X-: empty suffix
            Message-IDs: <2@example.org>
            Froms: x
            Mime-Version: 1.0

            body
            """
        let fields = InlineHeaders.parse(Substring(text))
        #expect(fields.map(\.name) == ["MESSAGE-ID", "subject", "From", "TO", "Date", "Return-PATH", "SendeR", "x-Mailer"])
        #expect(fields["subject"] == "Invoice 42")
        #expect(fields["x-mailer"] == "ERP")
    }
}
