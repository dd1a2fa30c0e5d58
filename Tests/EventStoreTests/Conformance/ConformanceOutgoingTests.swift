import EventStore
import Foundation
import Testing

/// Recording and finishing outgoing mail, and reading it back for matching.
@Suite("Conformance: outgoing mail")
struct ConformanceOutgoingTests {
    typealias F = Fixture

    @Test("recording stores each recipient once (any case) and hands them to identify in address order",
          arguments: StoreKinds.all)
    func record(_ kind: StoreKind) throws {
        try withFreshStore(kind) { store in
            let acme = try store.addedCompany("acme")
            var handed: [String] = []
            var seenID: Int64?
            let record = try store.recordOutgoing(F.draft(company: acme),
                                                  recipients: ["carol@example.org", "Bob@example.org", "ann@example.org",
                                                               "bob@EXAMPLE.ORG", "carol@example.org"]) { record, recipients in
                handed = recipients
                seenID = record.id
                let id = record.id ?? 0
                record.tag = "m\(id)r0.k1.signature"
                record.messageID = "m\(id)r0@acme.test"
                record.envelopeFrom = "acme+m\(id)r0.k1.signature@event.test"
            }
            let id = try #require(record.id)
            #expect(seenID == id, "identify sees the new id")
            #expect(handed == ["ann@example.org", "Bob@example.org", "carol@example.org"])
            var expected = F.draft(company: acme)
            expected.id = id
            expected.tag = "m\(id)r0.k1.signature"
            expected.messageID = "m\(id)r0@acme.test"
            expected.envelopeFrom = "acme+m\(id)r0.k1.signature@event.test"
            #expect(record == expected)
            #expect(try store.outgoing(id: id) == expected)
            #expect(try store.sentMessage(id: id) == SentMessage(tag: "m\(id)r0.k1.signature", recipients: handed,
                                                                   companyID: acme))
            #expect(try store.outgoingRecipients(of: id) == handed.map { OutgoingRecipient(outgoingID: id, address: $0) })
            #expect(try store.outgoingMessageExists(id: id))

            let second = try store.recordedID(F.draft(at: F.t0 + 1), to: ["z@example.org"])
            #expect(second > id)
            #expect(try store.sentMessage(id: second) == SentMessage(tag: "m\(second)r0.k1.signature",
                                                                       recipients: ["z@example.org"], companyID: nil))
        }
    }

    @Test("an identify that throws records nothing", arguments: StoreKinds.all)
    func failedIdentify(_ kind: StoreKind) throws {
        try withFreshStore(kind) { store in
            struct Refused: Error {}
            var called = false
            #expect(throws: StoreError.self) {
                _ = try store.recordOutgoing(F.draft(), recipients: ["a@example.org"]) { _, _ in
                    called = true
                    throw Refused()
                }
            }
            #expect(called)
            let users = try store.sendingUsers()
            #expect(users == [])
            #expect(try store.outgoingHistories(matching: OutgoingFilter(), limit: nil).isEmpty)
            #expect(try !store.userHasSentMail("MARI"))
            let id = try store.recordedID(F.draft(), to: ["a@example.org"])
            #expect(try store.outgoingRecipients(of: id).map(\.address) == ["a@example.org"])
        }
    }

    @Test("finishing records the replies and the submission errors", arguments: StoreKinds.all)
    func finish(_ kind: StoreKind) throws {
        try withFreshStore(kind) { store in
            let acme = try store.addedCompany("acme")
            var record = try store.recorded(F.draft(company: acme), to: ["ok@example.org", "no@example.org"])
            let id = try #require(record.id)
            record.state = .partial
            record.submittedAt = F.t0 + 2.5
            record.smtpReply = "250 2.0.0 queued as 4ABC"
            let recipients = [OutgoingRecipient(outgoingID: id, address: "no@example.org", state: .rejected,
                                                smtpReply: "550 5.1.1 no such user"),
                              OutgoingRecipient(outgoingID: id, address: "ok@example.org", state: .accepted,
                                                smtpReply: "250 2.1.5 ok")]
            var error = Event(kind: "submission_error", recipient: "no@example.org", reason: "userunknown", hard: true,
                              status: "5.1.1", replyCode: 550, diagnostic: "550 5.1.1 no such user",
                              detector: "submission", occurredAt: F.t0 + 2.5, outgoingID: id,
                              matchMethod: "submission", verified: true, companyID: acme)
            try store.finishOutgoing(record, recipients: recipients, events: [error])

            #expect(try store.outgoing(id: id) == record)
            #expect(try store.outgoingRecipients(of: id) == recipients)
            let listed = try store.listedEvents(EventFilter(outgoingID: id))
            error.id = listed.first?.id
            #expect(listed == [error])
            #expect(try store.listedEvents(EventFilter(failedOnly: true, company: .company(acme))).count == 1)

            let history = try #require(try store.outgoingHistory(id: id))
            #expect(history.record == record)
            #expect(history.recipients.map(\.recipient) == recipients)
            #expect(history.recipients.map(\.outcome) == [.rejected, .accepted])
            #expect(history.recipients.map { $0.events.map(\.id) } == [[error.id], []])
            #expect(history.otherEvents.isEmpty)
        }
    }

    @Test("what is missing reads as nil, false or empty", arguments: StoreKinds.all)
    func missing(_ kind: StoreKind) throws {
        try withFreshStore(kind) { store in
            let id = try store.recordedID(F.draft(), to: ["a@example.org"])
            let other = id + 1000
            #expect(try store.outgoing(id: other) == nil)
            #expect(try store.sentMessage(id: other) == nil)
            #expect(try store.outgoingRecipients(of: other) == [])
            #expect(try !store.outgoingMessageExists(id: other))
            #expect(try store.outgoingHistory(id: other) == nil)
            #expect(try store.outgoingMessageExists(id: id))
        }
    }

    @Test("who sent mail: any case, per company, each user code once in order", arguments: StoreKinds.all)
    func users(_ kind: StoreKind) throws {
        try withFreshStore(kind) { store in
            #expect(try store.sendingUsers() == [])
            let acme = try store.addedCompany("acme"), beta = try store.addedCompany("beta")
            _ = try store.recordedID(F.draft(user: "MARI", company: acme), to: ["a@example.org"])
            _ = try store.recordedID(F.draft(user: "MARI", at: F.t0 + 1, company: acme), to: ["b@example.org"])
            _ = try store.recordedID(F.draft(user: "JAAN", company: beta), to: ["a@example.org"])
            _ = try store.recordedID(F.draft(user: "ANU", company: acme), to: ["a@example.org"])
            _ = try store.recordedID(F.draft(user: "PEETER"), to: ["a@example.org"]) // no company: unattributed

            #expect(try store.userHasSentMail("MARI"))
            #expect(try store.userHasSentMail("mari"))
            #expect(try store.userHasSentMail("Mari", company: .company(acme)))
            #expect(try !store.userHasSentMail("MARI", company: .company(beta)))
            #expect(try !store.userHasSentMail("MAR"))
            #expect(try store.userHasSentMail("peeter", company: .unattributed))
            #expect(try !store.userHasSentMail("JAAN", company: .unattributed))

            #expect(try store.sendingUsers() == ["ANU", "JAAN", "MARI", "PEETER"])
            #expect(try store.sendingUsers(company: .company(acme)) == ["ANU", "MARI"])
            #expect(try store.sendingUsers(company: .company(beta)) == ["JAAN"])
            #expect(try store.sendingUsers(company: .unattributed) == ["PEETER"])
        }
    }
}
