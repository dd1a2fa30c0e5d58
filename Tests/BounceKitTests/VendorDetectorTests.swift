@testable import BounceKit
import MailCore
import MailModel
import Testing

/// The vendor and legacy detectors (bounces without a delivery-status part), one corpus fixture
/// per family, and the shared text machinery they stand on.
@Suite("Vendor detectors")
struct VendorDetectorTests {
    struct Case: Sendable, CustomStringConvertible {
        let file: String
        let detector: String
        let recipient: String
        let status: String?
        var description: String { file }
    }

    static let cases: [Case] = [
        Case(file: "lhost-activehunter-01.eml", detector: "activehunter", recipient: "kijitora@example.org", status: "5.1.1"),
        Case(file: "lhost-amazonses-10.eml", detector: "amazonses", recipient: "bounce@simulator.amazonses.com", status: "5.1.1"),
        Case(file: "lhost-amazonworkmail-01.eml", detector: "amazonworkmail", recipient: "kijitora@example.jp", status: "5.1.1"),
        Case(file: "lhost-domino-01.eml", detector: "domino", recipient: "kijitora@example.jp", status: nil),
        Case(file: "lhost-dragonfly-01.eml", detector: "dragonfly", recipient: "pseudo-local-part@google.example.com", status: "5.7.26"),
        Case(file: "lhost-einsundeins-02.eml", detector: "einsundeins", recipient: "kijitora@example.org", status: nil),
        Case(file: "lhost-exchange2003-01.eml", detector: "exchange2003", recipient: "kijitora@example.jp", status: nil),
        Case(file: "lhost-exim-01.eml", detector: "exim", recipient: "kijitora@example.ed.jp", status: "5.7.0"),
        Case(file: "lhost-exim-07.eml", detector: "exim", recipient: "shiba@example.com", status: nil),
        Case(file: "lhost-ezweb-01.eml", detector: "ezweb", recipient: "this-message-rejected-by-the-domain-filter@ezweb.ne.jp", status: nil),
        Case(file: "lhost-fml-02.eml", detector: "fml", recipient: "neko-nyaan@example.org", status: nil),
        Case(file: "lhost-gmail-01.eml", detector: "gmail", recipient: "userunknown@example.jp", status: "5.1.1"),
        Case(file: "lhost-gmx-01.eml", detector: "gmx", recipient: "shironeko@example.jp", status: "5.2.2"),
        Case(file: "lhost-googlegroups-01.eml", detector: "googlegroups", recipient: "libsisimai@googlegroups.com", status: nil),
        Case(file: "lhost-imailserver-01.eml", detector: "imailserver", recipient: "kijitora@example.com", status: nil),
        Case(file: "lhost-kddi-01.eml", detector: "kddi", recipient: "kijitora@x0000000000000.dion.ne.jp", status: nil),
        Case(file: "lhost-mailfoundry-02.eml", detector: "mailfoundry", recipient: "kijitora@example.org", status: "5.1.1"),
        Case(file: "lhost-mailmarshal-02.eml", detector: "mailmarshal", recipient: "kijitora@nyaan.example.com", status: "5.1.1"),
        Case(file: "lhost-mailru-01.eml", detector: "mailru", recipient: "kijitora@example.jp", status: "5.1.1"),
        Case(file: "lhost-messagingserver-03.eml", detector: "messagingserver", recipient: "sabineko@example.org", status: "5.7.1"),
        Case(file: "lhost-mfilter-02.eml", detector: "mfilter", recipient: "kijitora@example.co.jp", status: "5.1.1"),
        Case(file: "lhost-mimecast-01.eml", detector: "mimecast", recipient: "sabineko@neko.ef.example.org", status: "5.4.1"),
        Case(file: "lhost-mxlogic-03.eml", detector: "mxlogic", recipient: "kijitora@example.co.jp", status: nil),
        Case(file: "lhost-notes-01.eml", detector: "notes", recipient: "kijitora@u1.example.co.jp", status: nil),
        Case(file: "lhost-office365-01.eml", detector: "office365", recipient: "kijitora@example.com", status: "5.1.10"),
        Case(file: "lhost-opensmtpd-02.eml", detector: "opensmtpd", recipient: "mailboxfull@example.jp", status: "5.2.2"),
        Case(file: "lhost-postfix-50.eml", detector: "postfix", recipient: "soto-neko-nyaan@ntt.example.com", status: "4.0.0"),
        Case(file: "lhost-qmail-06.eml", detector: "qmail", recipient: "kijitora@example.jp", status: "4.2.2"),
        Case(file: "lhost-sendmail-53.eml", detector: "sendmail", recipient: "sironeko@example.com", status: "5.0.0"),
        Case(file: "lhost-trendmicro-01.eml", detector: "trendmicro", recipient: "kijitora@example.co.jp", status: "5.1.1"),
        Case(file: "lhost-v5sendmail-03.eml", detector: "v5sendmail", recipient: "kijitora@example.org", status: nil),
        Case(file: "lhost-verizon-01.eml", detector: "verizon", recipient: "0000000000@vzwpix.com", status: nil),
        Case(file: "lhost-x2-05.eml", detector: "plaintext", recipient: "kijitora@y.example.com", status: "4.1.9"),
        Case(file: "lhost-yahoo-01.eml", detector: "yahoo", recipient: "kijitora@example.org", status: "5.1.1"),
        Case(file: "lhost-zoho-01.eml", detector: "zoho", recipient: "kijitora@example.co.jp", status: "5.1.1"),
    ]

    static func classify(_ file: String) -> [Finding] {
        var bytes = Fixtures.read(Fixtures.corpus + "/maildir/bsd/" + file) ?? []
        if bytes.starts(with: Array("From ".utf8)), let newline = bytes.firstIndex(of: 0x0A) {
            bytes.removeSubrange(...newline) // an mbox envelope line, as `events parse` drops it
        }
        return BounceClassifier().classify(MIMEParser.parse(bytes))
    }

    @Test("each family's fixture is read by its detector", .enabled(if: Fixtures.corpusIsPresent, "../shared/corpus is absent"),
          arguments: cases)
    func family(_ fixture: Case) throws {
        let findings = Self.classify(fixture.file)
        let finding = try #require(findings.first { $0.recipient?.lowercased() == fixture.recipient })
        #expect(finding.detector == fixture.detector)
        #expect(finding.status?.description == fixture.status)
        #expect(finding.kind == .bounce)
    }

    @Test("delay notices without a delivery-status part are delays", .enabled(if: Fixtures.corpusIsPresent, "../shared/corpus is absent"),
          arguments: ["lhost-gmail-08.eml", "lhost-opensmtpd-04.eml"])
    func delay(_ file: String) {
        let findings = Self.classify(file)
        #expect(!findings.isEmpty)
        #expect(findings.allSatisfy { $0.kind == .delay })
    }

    // MARK: - Shared machinery

    @Test("leading address forms", arguments: [
        ("<kijitora@example.jp>:", "kijitora@example.jp"),
        ("  kijitora@example.jp:", "kijitora@example.jp"),
        ("     kijitora@example.jp", "kijitora@example.jp"),
        ("RCPT TO:<kijitora@example.jp>", "kijitora@example.jp"),
        ("    >>> RCPT TO:<kijitora@example.jp>", "kijitora@example.jp"),
        ("Final-Recipient: rfc822;kijitora@example.jp", "kijitora@example.jp"),
        ("rfc822; kijitora@Example.JP", "kijitora@example.jp"),
        ("Recipient: <kijitora@example.jp>", "kijitora@example.jp"),
        ("\"Kijitora Neko\" <kijitora@example.jp>", "kijitora@example.jp"),
        ("kijitora@example.jp<mailto:kijitora@example.jp>", "kijitora@example.jp"),
        ("<\"neko..nyaan\"@example.org>: host x said", "neko..nyaan@example.org"),
        ("\"shironeko@example.jp\":", "shironeko@example.jp"),
        ("  kijitora@example.com <neko@example.net>: malformed address", "neko@example.net"),
        (">>> kijitora@example.org <kijitora@example.org>", "kijitora@example.org"),
    ])
    func leadingAddress(_ line: String, _ expected: String) {
        #expect(RecipientLines.leadingAddress(in: Substring(line))?.address == expected)
    }

    @Test("lines that do not open with an address", arguments: [
        "This message was created automatically by mail delivery software.",
        "save to /var/mail/neko",
        "kijitora",
        "550 5.1.1 <kijitora@example.jp>... User Unknown",
        "<neko@localhost>",
        "5.2.2 <shironeko@example.jp>... Mailbox Full",
    ])
    func noLeadingAddress(_ line: String) {
        #expect(RecipientLines.leadingAddress(in: Substring(line)) == nil)
    }

    @Test("Sendmail's reply code before the address")
    func replyCodeBeforeAddress() {
        let line: Substring = "554 <kijitora@example.org>... Remote protocol error"
        #expect(RecipientLines.leadingAddress(in: line) == nil)
        #expect(RecipientLines.leadingAddress(in: line, afterReplyCode: true)?.address == "kijitora@example.org")
    }

    @Test("addresses anywhere in a line")
    func mentions() {
        let line: Substring = "There was an error delivering your mail to <a@example.com>, cc mailto:b@example.net."
        #expect(RecipientLines.addresses(in: line) == ["a@example.com", "b@example.net"])
        #expect(RecipientLines.addresses(in: "no address @ here, nor user@host") == [])
    }

    static func message(_ text: String) -> IncomingMessage {
        IncomingMessage(MIMEParser.parse(Array(text.utf8)))
    }

    @Test("a wrapped diagnostic is joined, the original is cut off, the sender is no recipient")
    func report() throws {
        let message = Self.message("""
            From: MAILER-DAEMON@mx.example.org
            To: sender@example.org
            Subject: failure notice

            Hi. This is the qmail-send program at mx.example.org.
            I'm afraid I wasn't able to deliver your message to the following addresses.

            <kijitora@example.jp>:
            192.0.2.1 does not like recipient.
            Remote host said: 550 5.1.1 <kijitora@example.jp>... User
              Unknown

            --- Below this line is a copy of the message.

            Return-Path: <sender@example.org>
            Message-ID: <id-1@example.org>
            From: sender@example.org
            To: other@example.net
            Subject: Hello

            other@example.net is mentioned in the body only.
            """)
        let findings = try #require(QmailDetector().findings(in: message))
        #expect(findings.count == 1)
        let finding = try #require(findings.first)
        #expect(finding.recipient == "kijitora@example.jp")
        #expect(finding.status?.description == "5.1.1")
        #expect(finding.replyCode?.value == 550)
        #expect(finding.diagnostic?.hasSuffix("User Unknown") == true)
        #expect(finding.remoteMTA == "192.0.2.1")
        #expect(finding.reason == .userunknown)
        #expect(finding.hard)
        #expect(finding.original?.messageID == "id-1@example.org")
    }

    @Test("X-Failed-Recipients names a recipient the text does not")
    func failedRecipientsHeader() throws {
        let message = Self.message("""
            From: Mail Delivery System <Mailer-Daemon@mx.example.org>
            To: sender@example.org
            X-Failed-Recipients: neko@example.com
            Subject: Mail delivery failed: returning message to sender

            This message was created automatically by mail delivery software.

            A message that you sent could not be delivered to one or more of its
            recipients. This is a permanent error. The following address(es) failed:

              save to /var/mail/neko
                generated by neko@example.com
                mailbox is full: retry timeout exceeded
            """)
        let findings = try #require(EximDetector().findings(in: message))
        #expect(findings.map(\.recipient) == ["neko@example.com"])
        #expect(findings.first?.diagnostic?.contains("mailbox is full") == true)
    }

    @Test("phrase search finds what a naive scan finds")
    func phraseSearch() {
        let text = SearchText("Remote host said: 550 5.1.1 <a@b.example>... User unknown; xx-yy zz zzz")
        for phrase in ["remote", "unknown", "zzz", "z", "user unknown;", "550 5.1.1", "xx-yy", "nothing", "zzzz", "r"] {
            let needle = Array(phrase.utf8)
            var naive: Int?
            if needle.count <= text.bytes.count {
                naive = (0...(text.bytes.count - needle.count)).first { Array(text.bytes[$0..<($0 + needle.count)]) == needle }
            }
            #expect(text.firstOffset(of: Phrase(bytes: needle), from: 0) == naive, "\(phrase)")
        }
        #expect(text.lastOffset(of: "z") == text.bytes.count - 1)
        #expect(text.firstOffset(of: "remote", from: 1) == nil)
    }

    @Test("a long text is read only at its start, cut on a character boundary")
    func prefix() {
        let text = String(repeating: "é", count: 10)
        #expect(TextReport.prefix(text, bytes: 5) == "éé")
        #expect(TextReport.prefix(text, bytes: 100) == text[...])
    }

    @Test("odd input neither crashes nor yields a bounce", arguments: [
        "",
        "From: MAILER-DAEMON@x\n\n<<<<<<@@@@>>>>:::",
        "From: MAILER-DAEMON@x\nContent-Type: multipart/mixed; boundary=zz\n\n--zz\nContent-Type: text/plain\n\n@\n",
        "From: postmaster@x\nSubject: Undeliverable\n\n" + String(repeating: "a@b ", count: 5000),
    ])
    func oddInput(_ text: String) {
        let findings = BounceClassifier().classify(MIMEParser.parse(Array(text.utf8)))
        #expect(!findings.isEmpty)
        #expect(findings.allSatisfy { $0.recipient.map(Address.isAddress) ?? true })
    }
}
