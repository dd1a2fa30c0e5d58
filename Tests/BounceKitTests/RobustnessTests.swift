import BounceKit
import MailCore
import Testing

/// Hostile and malformed input: each case must classify without a crash and lose nothing.
@Suite("Robustness of classification")
struct RobustnessTests {
    static func classify(_ text: String) -> [Finding] {
        BounceClassifier().classify(MIMEParser.parse(Array(text.utf8)))
    }

    static func dsn(recipient: String, diagnostic: String = "550 5.1.1 User unknown", original: String,
                    boundary: String = "B", close: Bool = true) -> String {
        """
        From: MAILER-DAEMON@mx.example.org
        Subject: Undelivered Mail Returned to Sender
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=delivery-status; boundary="\(boundary)"

        --\(boundary)
        Content-Type: text/plain

        Delivery failed.

        --\(boundary)
        Content-Type: message/delivery-status

        Reporting-MTA: dns; mx.example.org

        Final-Recipient: \(recipient)
        Action: failed
        Status: 5.1.1
        Diagnostic-Code: smtp; \(diagnostic)

        --\(boundary)
        Content-Type: message/rfc822

        \(original)
        \(close ? "--\(boundary)--" : "")

        """
    }

    @Test("a bounce of a bounce reports only the outer recipient")
    func nestedReport() {
        let inner = Self.dsn(recipient: "rfc822; inner@example.net", original: "Subject: first\n\nbody", boundary: "INNER")
        let findings = Self.classify(Self.dsn(recipient: "rfc822; outer@example.com", original: inner, boundary: "OUTER"))
        #expect(findings.map(\.recipient) == ["outer@example.com"])
    }

    @Test("a forwarded message carrying a report is not a bounce of ours")
    func forwardedReport() {
        let report = Self.dsn(recipient: "rfc822; someone@example.net", original: "Subject: theirs\n\nbody")
        let forwarded = """
            From: colleague@example.com
            To: company@event.data.directo.ee
            Subject: Fwd: Undelivered Mail Returned to Sender
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="FWD"

            --FWD
            Content-Type: text/plain

            FYI, see the attached.
            --FWD
            Content-Type: message/rfc822

            \(report)
            --FWD--

            """
        #expect(Self.classify(forwarded).allSatisfy { !$0.isFailure })
    }

    @Test("addresses in every dress are reduced to local@domain", arguments: [
        "rfc822; <a@Example.COM>", "RFC822;a@example.com", "rfc822; \"Anne A.\" <a@example.com>", "rfc822;  a@example.com (Anne)",
        "<a@example.com>",
    ])
    func addressForms(_ field: String) {
        #expect(Self.classify(Self.dsn(recipient: field, original: "Subject: x\n\nbody")).map(\.recipient) == ["a@example.com"])
    }

    @Test("a missing closing boundary still yields the recipient")
    func missingClosingBoundary() {
        let findings = Self.classify(Self.dsn(recipient: "rfc822; a@example.com", original: "Subject: x\n\nbody", close: false))
        #expect(findings.map(\.recipient) == ["a@example.com"])
    }

    @Test("a multipart whose boundary never appears is kept as unrecognized, not lost")
    func absentBoundary() {
        let text = "From: x@example.com\nContent-Type: multipart/report; boundary=\"NEVER\"\n\njust text\n"
        #expect(Self.classify(text).count == 1)
    }

    @Test("mis-declared and unknown charsets are read without loss of the report", arguments: [
        "us-ascii", "utf-8", "x-unknown", "unknown-8bit", "iso-8859-1", "",
    ])
    func charsets(_ charset: String) {
        // Latin-1 bytes (é = 0xE9) inside text declared as something else, and invalid UTF-8.
        let head = [
            "From: MAILER-DAEMON@mx.example.org", "MIME-Version: 1.0",
            "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"", "", "--B",
            "Content-Type: text/plain; charset=\"\(charset)\"", "", "Le message n'a pas pu ",
        ].joined(separator: "\n")
        let status = [
            " livr\u{E9}.", "", "--B", "Content-Type: message/delivery-status; charset=\"\(charset)\"", "",
            "Final-Recipient: rfc822; a@example.fr", "Action: failed", "Status: 5.1.1",
            "Diagnostic-Code: smtp; 550 5.1.1 Adresse d",
        ].joined(separator: "\n")
        var bytes = Array(head.utf8) + [0xEA, 0x74, 0x72, 0x65, 0xC3] + Array(status.utf8)
        bytes += [0xE9, 0x73] + Array("tinataire inconnue\n\n--B--\n".utf8)
        let findings = BounceClassifier().classify(MIMEParser.parse(bytes))
        #expect(findings.map(\.recipient) == ["a@example.fr"])
        #expect(findings.first?.status?.description == "5.1.1")
        #expect(findings.first?.cause.isEmpty == false)
    }

    @Test("enormous headers do not stop classification")
    func enormousHeaders() {
        let manyLines = (0..<50_000).map { "X-Filler-\($0): value" }.joined(separator: "\n")
        let longSubject = "Subject: " + String(repeating: "a", count: 2_000_000)
        let text = manyLines + "\n" + longSubject + "\n"
            + Self.dsn(recipient: "rfc822; a@example.com", original: "Subject: x\n\nbody")
        #expect(Self.classify(text).count >= 1)
    }
}
