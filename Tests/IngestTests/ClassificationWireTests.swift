import BounceKit
@testable import Ingest
import MailModel
import Testing

/// A classification crosses from a worker process to its parent unchanged.
@Suite("Classification wire form")
struct ClassificationWireTests {
    static let full = Finding(
        kind: .bounce, recipient: "ä@example.org", reason: .mailboxfull, hard: true,
        status: StatusCode(class: 5, subject: 2, detail: 2), replyCode: ReplyCode(552), action: "failed",
        diagnostic: "552 5.2.2 full\nsecond line", remoteMTA: "mx.example.org", reportingMTA: "mta.test",
        envelopeID: "m1.k.abc", feedbackType: "abuse",
        original: OriginalMessage(messageID: "id@x", subject: "Arve 42", from: "a@b", to: "c@d", date: "Mon",
                                  extensionHeaders: [HeaderField(name: "X-MailEvents-Tag", value: "m1.k.abc")]),
        detector: "rfc3464", senderSide: true, cause: "why", remedy: "what", originalRecipient: "rfc822;orig@example.org",
        rule: "specific phrase \"full\"", trace: ["step one", "→ mailboxfull"], providerRule: 3)

    @Test func everyFieldSurvivesTheTrip() throws {
        let sparse = Finding(kind: .unrecognized, reason: .undefined, detector: "none")
        let classification = Classification(findings: [Self.full, sparse], messageID: "m@x", date: -5,
                                            envelope: ["a+tag@event.test", "b@c"])
        let back = try Classification(wireBytes: classification.wireBytes())
        #expect(back.findings == classification.findings)
        #expect(back.messageID == "m@x")
        #expect(back.date == -5)
        #expect(back.envelope == ["a+tag@event.test", "b@c"])
    }

    /// A field added to Finding must be added to the wire form too (Classification+Wire.swift).
    @Test func theWireFormKnowsEveryFieldOfFinding() {
        #expect(Mirror(reflecting: Self.full).children.count == Finding.wireFieldCount)
    }

    @Test func truncatedOrGarbledAnswersAreErrorsNotCrashes() {
        let bytes = Classification(findings: [Self.full]).wireBytes()
        for length in stride(from: 0, to: bytes.count, by: 7) {
            #expect(throws: WireError.self) { try Classification(wireBytes: Array(bytes.prefix(length))) }
        }
        #expect(throws: WireError.self) { try Classification(wireBytes: bytes + [0]) }
        #expect(throws: WireError.self) { try Classification(wireBytes: [255, 255, 255, 255]) }
    }
}
