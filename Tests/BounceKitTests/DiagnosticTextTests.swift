import BounceKit
import Testing

@Suite("Diagnostic text and addresses")
struct DiagnosticTextTests {
    @Test func multiLineRepliesKeepTheirCodeOnce() {
        let text = "552-5.7.0 This message was blocked because\n 552-5.7.0 its content 552 5.7.0 is bad"
        #expect(DiagnosticText.normalized(text) == "552 5.7.0 This message was blocked because its content is bad")
    }

    @Test(arguments: [
        ("rfc822; <User@Example.COM>", "User@example.com"),
        ("RFC822; user@example.com (comment)", "user@example.com"),
        ("\"Display Name\" <a@b.example>", "a@b.example"),
        ("rfc822;a@b.example", "a@b.example"),
    ])
    func reportAddresses(_ field: String, _ expected: String) {
        #expect(Address.fromReportField(field) == expected)
    }

    @Test func humanReadableTextAboutARecipient() {
        let text = """
            This is the mail system at host mx.example.org.

            <kijitora@example.jp>: host mx.example.jp[192.0.2.1] said: 550 5.1.1
                <kijitora@example.jp>: Recipient address rejected: User unknown (in reply to
                RCPT TO command)

            """
        let diagnostic = HumanReadableText.diagnostic(for: "kijitora@example.jp", in: [text])
        #expect(diagnostic == "host mx.example.jp[192.0.2.1] said: 550 5.1.1 : Recipient address rejected: User unknown (in reply to RCPT TO command)")
        #expect(SMTPCommand.last(in: text) == .rcpt)
        #expect(SMTPCommand.last(in: ">>> RCPT To:<a@b>\n<<< 250 ok\n>>> DATA\n<<< 550 no") == .data)
    }
}
