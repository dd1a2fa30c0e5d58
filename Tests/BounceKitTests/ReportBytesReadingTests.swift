@testable import BounceKit
import MailCore
import MailModel
import Testing
import TestSupport

/// Report parts read by bytes where they were read by Characters: an Amazon SES notification's
/// JSON, a returned original's header section, a report's pasted delivery-status fields. Each
/// reading agrees with the Character one it replaced on text without combining marks (where a
/// Character is what a byte search sees).
@Suite("Report parts read by bytes")
struct ReportBytesReadingTests {
    static let jsonPieces = ["\\", "\"", "\\\"", "\\\\\"", "a", "Bounce", "é", "{", "}", ":", " ", ",", "\"emailAddress\":\"",
                             "\"status\":\"", "日本", ""]

    /// SES's JSON inside SNS's: each `\"` becomes `"`, every other backslash stays, as replacing
    /// `\"` in the joined text did.
    @Test func sesUnescapingAgreesWithReplacingInTheText() {
        var sequence = FixedSequence(seed: 8259)
        for _ in 0..<3_000 {
            let lines = (0..<(sequence.next() % 5)).map { _ in Substring(sequence.text(of: Self.jsonPieces, fewerThan: 10)) }
            let expected = lines.joined(separator: "\n").replacingAll("\\\"", with: "\"")
            #expect(String(decoding: AmazonSESDetector.unescaped(lines), as: UTF8.self) == expected, "\(lines)")
        }
    }

    /// The byte search finds an ASCII pattern where a String search finds it, counted in bytes.
    @Test func sesSearchAgreesWithStringSearch() {
        var sequence = FixedSequence(seed: 7159)
        let patterns = ["\"emailAddress\":\"", "\"status\":\"", "\"", "Bounce", "\\\"", "}"]
        for _ in 0..<3_000 {
            let text = sequence.text(of: Self.jsonPieces, fewerThan: 12)
            let bytes = Array(text.utf8)
            let from = bytes.isEmpty ? 0 : sequence.next() % bytes.count
            for pattern in patterns {
                let rest = text.utf8[text.utf8.index(text.utf8.startIndex, offsetBy: from)...]
                let expected = Substring(rest).firstRange(of: pattern).map { text.utf8.distance(from: text.utf8.startIndex, to: $0.lowerBound) }
                #expect(AmazonSESDetector.offset(of: pattern, in: bytes[from...]) == expected, "\(pattern) in \(text) from \(from)")
            }
        }
    }

    /// A notification with two bounced recipients, its JSON escaped inside the SNS envelope's.
    @Test func sesNotificationGivesOneFindingPerBouncedRecipient() {
        let message = #"""
            From: "AWS Notifications" <no-reply@sns.amazonaws.com>
            X-Amz-Sns-Message-Id: 7c6a1f2e
            Subject: AWS Notification Message
            Content-Type: text/plain; charset=UTF-8

            {"Type" : "Notification", "Message" : "{\"notificationType\":\"Bounce\",\"bounce\":{\"bounceType\":\"Permanent\",\"bouncedRecipients\":[{\"emailAddress\":\"one@example.org\",\"action\":\"failed\",\"status\":\"5.1.1\",\"diagnosticCode\":\"smtp; 550 5.1.1 user unknown\"},{\"emailAddress\":\"two@example.net\",\"status\":\"5.2.2\",\"diagnosticCode\":\"552 5.2.2 mailbox full\"}]}}"}

            """#
        let findings = BounceClassifier().classify(MIMEParser.parse(Array(message.utf8)))
        #expect(findings.map(\.detector) == ["amazonses", "amazonses"])
        #expect(findings.map(\.recipient) == ["one@example.org", "two@example.net"])
        #expect(findings.map { $0.status?.description } == ["5.1.1", "5.2.2"])
        #expect(findings.map(\.diagnostic) == ["550 5.1.1 user unknown", "552 5.2.2 mailbox full"])
        #expect(findings.map(\.reason) == [.userunknown, .mailboxfull])
    }

    /// One pass over a returned header section keeps the first of each field, as looking each up
    /// did, and every `X-` field in order.
    @Test func originalHeadersKeepTheFirstOfEachField() {
        var fields = HeaderFields()
        for (name, value) in [("Received", "from a"), ("X-Events-Tag", "t1"), ("Message-ID", " <m1@example.org> "),
                              ("SUBJECT", "first"), ("Subject", "second"), ("x-other", "t2"), ("Message-Id", "<m2@example.org>"),
                              ("From", "a@example.org"), ("To", "b@example.net"), ("Date", "Sun, 6 Dec 2026 08:00:00 +0000"),
                              ("From", "c@example.org")] {
            fields.append(HeaderField(name: name, value: value))
        }
        let original = OriginalMessage(headers: fields)
        #expect(original.messageID == "m1@example.org")
        #expect(original.subject == "first")
        #expect(original.from == "a@example.org")
        #expect(original.to == "b@example.net")
        #expect(original.date == "Sun, 6 Dec 2026 08:00:00 +0000")
        #expect(original.extensionHeaders.map(\.value) == ["t1", "t2"])
    }

    /// Delivery-status fields pasted into a text report, quoted with "> ", give their recipient
    /// the Status the report's own words leave generic.
    @Test func quotedDeliveryStatusFieldsGiveTheirStatus() {
        let message = """
            From: MAILER-DAEMON@mx.example.org (Mail Delivery System)
            Subject: Undelivered Mail Returned to Sender
            Content-Type: text/plain

            This is the mail system at host mx.example.org.

            I'm sorry to have to inform you that your message could not
            be delivered to one or more recipients.

            <someone@example.net>: host mx.example.net said: 550 5.0.0 rejected

            <other@example.com>: host mx.example.com said: 550 5.0.0 rejected

            > Reporting-MTA: dns; mx.example.org
            >
            > Final-Recipient: rfc822; someone@example.net
            > Action: failed
            > Status: 5.1.1

            """
        let findings = BounceClassifier().classify(MIMEParser.parse(Array(message.utf8)))
        // The pasted fields are below the other recipient's line: only they name someone's Status.
        #expect(findings.map(\.recipient) == ["someone@example.net", "other@example.com"])
        #expect(findings.first?.status?.description == "5.1.1")
    }
}
