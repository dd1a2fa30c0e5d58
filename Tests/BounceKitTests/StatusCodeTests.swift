import BounceKit
import Testing

@Suite("StatusCode and ReplyCode")
struct StatusCodeTests {
    @Test(arguments: [("5.1.1", "5.1.1"), (" 4.4.7 ", "4.4.7"), ("2.0.0", "2.0.0"), ("5.7.606", "5.7.606")])
    func parsesExactCodes(_ text: String, _ expected: String) {
        #expect(StatusCode(text)?.description == expected)
    }

    @Test(arguments: ["5.1", "6.1.1", "5.1.1000", "x.1.1", "5.1.1a", ""])
    func rejectsNonCodes(_ text: String) {
        #expect(StatusCode(text) == nil)
    }

    @Test func findsCodesStandingAlone() {
        let text = "550 5.1.1 <a@b>: user unknown (192.0.2.1, v5.2.3.4) 4.2.2"
        #expect(StatusCode.all(in: text).map(\.description) == ["5.1.1", "4.2.2"])
        #expect(StatusCode.first(in: "from 192.0.2.55 at 10.0.0.1") == nil)
    }

    @Test func genericCodes() {
        #expect(StatusCode("5.0.0")?.isGeneric == true)
        #expect(StatusCode("4.4.1")?.isGeneric == false)
        #expect(StatusCode("4.4.1")?.isTransient == true)
    }

    @Test(arguments: [
        ("550 5.1.1 user unknown", 550),
        ("host mx.example.com[192.0.2.1] said: 552-5.2.2 full", 552),
        ("SMTP error from remote mail server after RCPT TO:<a@b>: 550 no", 550),
        ("(reason: 421 try later)", 421),
    ])
    func replyCodes(_ text: String, _ expected: Int) {
        #expect(ReplyCode.first(in: text)?.value == expected)
    }

    @Test(arguments: ["at 12:30:55 from 192.0.2.250", "id 5501234", "version 550.1", "no code"])
    func replyCodesIgnoreOtherNumbers(_ text: String) {
        #expect(ReplyCode.first(in: text) == nil)
    }
}
