import Ingest
import Testing

@Suite("Mbox")
struct MboxTests {
    static let mbox = """
        From MAILER-DAEMON Mon Nov  2 10:00:00 2026
        Subject: one

        first body
        >From the quoted line

        From someone@example.com Mon Nov  2 10:00:01 2026
        Subject: two

        second body

        """

    @Test(arguments: ["\n", "\r\n", "\r"])
    func splitsOnEnvelopeLinesWithAnyLineEnding(_ ending: String) throws {
        let text = Self.mbox.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: ending)
        let messages = Mbox.split(Array(text.utf8))
        try #require(messages.count == 2)
        let first = String(decoding: messages[0], as: UTF8.self)
        #expect(first == ["Subject: one", "", "first body", "From the quoted line", ""].joined(separator: ending))
        #expect(String(decoding: messages[1], as: UTF8.self).hasPrefix("Subject: two"))
    }

    @Test func aFromLineInsideABodyWithoutBlankLineDoesNotSplit() {
        let text = "From a Mon Nov  2 10:00:00 2026\nSubject: x\n\nline\nFrom here on\n"
        #expect(Mbox.split(Array(text.utf8)).count == 1)
    }

    @Test func detection() {
        #expect(Mbox.looksLikeMbox(Array("From x Mon Nov  2 10:00:00 2026\n".utf8)))
        #expect(!Mbox.looksLikeMbox(Array("From: x@y\n".utf8)))
    }
}
