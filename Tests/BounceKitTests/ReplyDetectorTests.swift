@testable import BounceKit
import MailCore
import Testing

@Suite("Automatic replies, challenges and human replies")
struct ReplyDetectorTests {
    static func message(_ headers: String, body: String = "Hello.") -> [Finding] {
        let text = "From: Mari Maasikas <mari@example.ee>\nTo: company@event.data.directo.ee\n" + headers
            + "\nContent-Type: text/plain; charset=utf-8\n\n" + body + "\n"
        return BounceClassifier().classify(MIMEParser.parse(Array(text.utf8)))
    }

    @Test("automatic replies by header, subject or RFC 3834 marking", arguments: [
        "Subject: Automatic reply: Invoice 42",
        "Subject: Automaatne vastus: Arve 42",
        "Subject: Invoice 42\nX-Autoreply: yes",
        "Subject: Re: Invoice 42\nAuto-Submitted: auto-replied",
        "Subject: Invoice 42\nPrecedence: auto_reply",
        "Subject: Abwesenheitsnotiz: Rechnung",
    ])
    func automaticReply(_ headers: String) {
        let findings = Self.message(headers, body: "Olen puhkusel kuni 3. jaanuarini.")
        #expect(findings.count == 1)
        #expect(findings.first?.kind == .autoReply)
        #expect(findings.first?.reason == .vacation)
        #expect(findings.first?.recipient == "mari@example.ee")
        #expect(findings.first?.isFailure == false)
        #expect(findings.first?.diagnostic?.contains("puhkusel") == true)
    }

    @Test("a mail system's Auto-Submitted notice is not a vacation reply")
    func mailerDaemonIsNotAVacation() {
        let text = "From: MAILER-DAEMON@mx.example.org\nSubject: Mail delivery failed\nAuto-Submitted: auto-replied\n\nsomething\n"
        let findings = BounceClassifier().classify(MIMEParser.parse(Array(text.utf8)))
        #expect(!findings.contains { $0.kind == .autoReply })
    }

    @Test("a challenge-response request is a challenge, never a failure")
    func challenge() {
        let findings = Self.message("Subject: Please confirm your message\nAuto-Submitted: auto-replied",
                                    body: "I use a spam filter. To have your message delivered, please click the link below to confirm.")
        #expect(findings.first?.kind == .challenge)
        #expect(findings.first?.reason == .onhold)
        #expect(findings.first?.isFailure == false)
    }

    @Test("a person's answer to From is a human reply, never a failure", arguments: [
        "Subject: Re: Invoice 42\nIn-Reply-To: <sent-1@erp.example>",
        "Subject: Vs: Arve 42",
        "Subject: Invoice 42\nReferences: <sent-1@erp.example>",
    ])
    func humanReply(_ headers: String) {
        let findings = Self.message(headers, body: "Thanks, paid today.")
        #expect(findings.first?.kind == .humanReply)
        #expect(findings.first?.recipient == "mari@example.ee")
        #expect(findings.first?.isFailure == false)
        #expect(findings.first?.remedy.contains("Forward") == true)
    }

    @Test("a forwarded message or a plain new message is no reply")
    func notAReply() {
        #expect(Self.message("Subject: Fwd: Invoice 42\nReferences: <x@y>").first?.kind == .unrecognized)
        #expect(Self.message("Subject: Hello").first?.kind == .unrecognized)
        #expect(Self.message("Subject: Re: news\nList-Id: <news.example.com>").first?.kind == .unrecognized)
    }

    @Test("a reply's excerpt is its first 200 characters with white space folded", arguments: [
        "", "   ", "  Olen\n\n puhkusel\t kuni 3.  ", String(repeating: "word ", count: 100),
        String(repeating: "a", count: 199) + " b c", String(repeating: "x", count: 450) + "\n",
    ])
    func excerpt(_ text: String) {
        let folded = String(text.split(whereSeparator: \.isWhitespace).joined(separator: " ").prefix(200))
        #expect(AutomaticReplyDetector.excerpt(text) == folded)
    }

    @Test("corpus automatic replies", .enabled(if: Fixtures.corpusIsPresent),
          arguments: ["rfc3834-02.eml", "rfc3834-03.eml", "rfc3834-05.eml", "rfc3834-06.eml"])
    func corpus(_ file: String) {
        var bytes = Fixtures.read(Fixtures.corpus + "/maildir/bsd/" + file) ?? []
        if bytes.starts(with: Array("From ".utf8)), let newline = bytes.firstIndex(of: 0x0A) {
            bytes.removeSubrange(...newline) // an mbox "From " line ahead of the headers
        }
        let findings = BounceClassifier().classify(MIMEParser.parse(bytes))
        #expect(findings.map(\.kind) == [.autoReply])
    }
}
