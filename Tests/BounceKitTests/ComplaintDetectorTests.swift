import BounceKit
import Foundation
import MailCore
import Testing

@Suite("Complaints: ARF feedback reports and their relatives")
struct ComplaintDetectorTests {
    static func classify(_ text: String) -> [Finding] {
        BounceClassifier().classify(MIMEParser.parse(Array(text.utf8)))
    }

    static let arf = """
        From: feedback@fbl.example.net
        To: company@event.data.directo.ee
        Subject: Abuse report
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=feedback-report; boundary="F"

        --F
        Content-Type: text/plain

        This is an email abuse report.
        --F
        Content-Type: message/feedback-report

        Feedback-Type: abuse
        User-Agent: ExampleFBL/1.0
        Version: 1
        Original-Mail-From: <company+t1@event.data.directo.ee>
        Original-Rcpt-To: <reader@example.com>
        Original-Rcpt-To: second@example.org
        Source-IP: 192.0.2.1

        --F
        Content-Type: message/rfc822

        Message-ID: <sent-7@erp.example>
        Subject: Newsletter
        To: reader@example.com

        hello
        --F--

        """

    @Test("an ARF report gives one complaint per Original-Rcpt-To, with its feedback type")
    func arfReport() {
        let findings = Self.classify(Self.arf)
        #expect(findings.map(\.recipient) == ["reader@example.com", "second@example.org"])
        #expect(findings.allSatisfy { $0.kind == .complaint && $0.reason == .feedback && $0.feedbackType == "abuse" })
        #expect(findings.allSatisfy { !$0.isFailure && !$0.senderSide })
        #expect(findings.first?.original?.messageID == "sent-7@erp.example")
        #expect(findings.first?.cause.contains("reader@example.com") == true)
    }

    @Test("without Original-Rcpt-To the complainer is the original's To")
    func recipientFromOriginal() {
        let text = Self.arf.replacingOccurrences(of: "Original-Rcpt-To: <reader@example.com>\n", with: "")
            .replacingOccurrences(of: "Original-Rcpt-To: second@example.org\n", with: "")
            .replacingOccurrences(of: "Feedback-Type: abuse", with: "Feedback-Type: auth-failure")
        let findings = Self.classify(text)
        #expect(findings.map(\.recipient) == ["reader@example.com"])
        #expect(findings.first?.feedbackType == "auth-failure")
        #expect(findings.first?.cause.contains("failing authentication") == true)
    }

    @Test("an ARF report forwarded inside another message is not a complaint of ours")
    func forwardedReportIsNotOurs() {
        let forwarded = """
            From: colleague@example.com
            To: company@event.data.directo.ee
            Subject: Fwd: Abuse report
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="OUTER"

            --OUTER
            Content-Type: text/plain

            Look at this one.
            --OUTER
            Content-Type: message/rfc822

            \(Self.arf)
            --OUTER--

            """
        let findings = Self.classify(forwarded)
        #expect(!findings.contains { $0.kind == .complaint })
        #expect(!findings.contains { $0.isFailure })
    }

    @Test("corpus complaints", .enabled(if: Fixtures.corpusIsPresent), arguments: [
        ("arf-16.eml", 7, "abuse"), ("arf-18.eml", 1, "auth-failure"), ("arf-22.eml", 1, "abuse"), ("arf-26.eml", 1, "opt-out"),
    ])
    func corpus(_ file: String, _ count: Int, _ type: String) {
        let bytes = Fixtures.read(Fixtures.corpus + "/maildir/bsd/" + file) ?? []
        let findings = BounceClassifier().classify(MIMEParser.parse(bytes))
        #expect(findings.count == count)
        #expect(findings.allSatisfy { $0.kind == .complaint && $0.feedbackType == type && $0.recipient != nil })
    }
}
