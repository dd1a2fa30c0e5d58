import EventStore
import Foundation
import Testing

/// Recording an outgoing message numbers its recipients (their tags' recipient index) by address,
/// and matching reads back the same order with the recorded tag.
@Suite("Outgoing recording")
struct OutgoingRecordingTests {
    static let draft = OutgoingRecord(userCode: "u", profileUser: "u", server: "h:25 none", authUser: "", senderMode: "own",
                                      envelopeFrom: "u@x.test", fromAddress: "u@x.test", replyTo: nil, subject: "s",
                                      createdAt: Date(timeIntervalSince1970: 1_767_225_600))

    @Test func recipientsAreNumberedByAddressAndReadBackSo() throws {
        try EventStoreTests.withStore { store, _ in
            var numbered: [String] = []
            let record = try store.recordOutgoing(Self.draft, recipients: ["carol@x.test", "Bob@x.test", "ann@x.test", "bob@X.TEST"]) {
                record, recipients in
                numbered = recipients
                record.tag = "m\(record.id ?? 0)r0.k1.aaaaaaaaaaaaaaaa"
            }
            let id = try #require(record.id)
            #expect(numbered == ["ann@x.test", "Bob@x.test", "carol@x.test"], "each address once, in address order without case")
            let sent = try #require(try store.sentMessage(id: id))
            #expect(sent.recipients == numbered)
            #expect(sent.tag == "m\(id)r0.k1.aaaaaaaaaaaaaaaa")
            #expect(try store.sentMessage(id: id + 1) == nil)
        }
    }
}
