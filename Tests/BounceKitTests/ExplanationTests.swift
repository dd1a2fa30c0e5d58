@testable import BounceKit
import MailCore
import MailModel
import Testing

@Suite("Cause, remedy and provider-aware reasons")
struct ExplanationTests {
    static func bounce(_ diagnostic: String, status: String, remote: String? = nil, recipient: String = "a@example.com") -> Finding {
        let evidence = Evidence(action: "failed", status: StatusCode(status), replyCode: ReplyCode.first(in: diagnostic),
                                diagnostic: diagnostic, remoteMTA: remote, recipient: recipient)
        let decision = ReasonDecider.decide(evidence)
        var finding = Finding(kind: .bounce, recipient: recipient, reason: decision.reason, status: evidence.status,
                              replyCode: evidence.replyCode, action: "failed", diagnostic: diagnostic,
                              remoteMTA: remote, detector: "test")
        finding.apply(decision)
        return Explanation.explained(finding)
    }

    @Test("the cause names the recipient, the server and the decisive text")
    func causeSentence() {
        let finding = Self.bounce("550 5.1.1 <a@example.com>: Recipient address rejected: User unknown", status: "5.1.1",
                                  remote: "mx.example.com")
        #expect(finding.reason == .userunknown)
        #expect(finding.cause.contains("a@example.com"))
        #expect(finding.cause.contains("mx.example.com"))
        #expect(finding.cause.contains("“550 5.1.1"))
        #expect(finding.remedy.contains("Correct the recipient"))
        #expect(!finding.senderSide && finding.hard == false) // hard is the detector's to set
    }

    @Test("the same 5.4.1 wording is an unknown recipient at Microsoft, relaying elsewhere")
    func microsoftAccessDenied() {
        let microsoft = Self.bounce("550 5.4.1 Recipient address rejected: Access denied. [AM0PR01MB1234.eurprd01.prod.outlook.com]",
                                    status: "5.4.1", remote: "example-com.mail.protection.outlook.com")
        #expect(microsoft.reason == .userunknown)
        #expect(!microsoft.senderSide)
        let relay = Self.bounce("554 5.7.1 <a@example.com>: Relay access denied", status: "5.7.1", remote: "mx.example.com")
        #expect(relay.reason == .norelaying)
        #expect(relay.senderSide)
    }

    @Test("5.7.1 is a block list at one receiver and a spam verdict at another")
    func sameCodeDifferentProviders() {
        let spamhaus = Self.bounce("554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org",
                                   status: "5.7.1", remote: "mx.example.net")
        #expect(spamhaus.reason == .blocked)
        #expect(spamhaus.senderSide)
        #expect(spamhaus.remedy.contains("check.spamhaus.org"))
        let gmail = Self.bounce("550-5.7.1 Our system has detected that this message is likely unsolicited mail. gsmtp",
                                status: "5.7.1", remote: "gmail-smtp-in.l.google.com")
        #expect(gmail.reason == .spamdetected)
    }

    @Test("DMARC and SPF rejections are the sender's problem and say how to fix it")
    func authentication() {
        let finding = Self.bounce("550-5.7.26 Unauthenticated email from example.ee is not accepted due to domain's DMARC policy gsmtp",
                                  status: "5.7.26", remote: "gmail-smtp-in.l.google.com")
        #expect(finding.reason == .authfailure)
        #expect(finding.senderSide)
        #expect(finding.remedy.contains("DMARC"))
    }

    @Test("a block list named only by its link: the remedy points to it")
    func linkInRemedy() {
        let finding = Self.bounce("550 5.7.1 Rejected: IP listed, see https://blocklist.example.org/lookup?ip=192.0.2.1.",
                                  status: "5.7.1", remote: "mx.example.org")
        #expect(finding.reason == .blocked)
        #expect(finding.remedy.contains("https://blocklist.example.org/lookup?ip=192.0.2.1"))
    }

    @Test("a long reply is quoted shortened at a word")
    func longQuote() {
        let finding = Self.bounce("550 5.1.1 " + String(repeating: "word ", count: 200), status: "5.1.1")
        #expect(finding.cause.count < 500)
        #expect(finding.cause.contains("…"))
    }

    @Test("every corpus finding explains itself", .enabled(if: Fixtures.corpusIsPresent))
    func everyFindingHasCauseAndRemedy() {
        for file in CorpusTests.files {
            let bytes = Fixtures.read(Fixtures.corpus + "/" + file) ?? []
            for finding in BounceClassifier().classify(MIMEParser.parse(bytes)) {
                #expect(!finding.cause.isEmpty && !finding.remedy.isEmpty, "\(file)")
                if let recipient = finding.recipient { #expect(finding.cause.contains(recipient), "\(file)") }
            }
        }
    }

    /// A long diagnostic is quoted cut at a space within its first 240 characters; plain ASCII is
    /// cut by bytes, which must give what cutting the characters gives.
    @Test func quotesCutLongTextAsCharactersWould() {
        func byCharacters(_ text: String) -> String {
            guard text.count > Explanation.quoteLimit else { return text }
            let cut = text.prefix(Explanation.quoteLimit)
            return String(cut[..<(cut.lastIndex(of: " ") ?? cut.endIndex)]) + " …"
        }
        var generator = SystemRandomNumberGenerator()
        let plainPieces = ["word", " ", "550", "5.1.1", "\n", "mailbox", "x", "  "]
        let otherPieces = plainPieces + ["\r\n", "é", "\u{301}", "\r"]
        var plain = 0
        for round in 0..<2_000 {
            var text = ""
            let pieces = round.isMultiple(of: 2) ? plainPieces : otherPieces
            let count = Int.random(in: 0..<160, using: &generator)
            for _ in 0..<count { text += pieces.randomElement(using: &generator)! }
            if PlainASCII.isPlain(text), text.utf8.count > Explanation.quoteLimit { plain += 1 }
            #expect(Explanation.quote(text) == (text.isEmpty ? nil : byCharacters(text)), "\(text.debugDescription)")
        }
        #expect(plain > 20)
        #expect(Explanation.quote(String(repeating: "a", count: 300)) == String(repeating: "a", count: 240) + " …")
    }
}
