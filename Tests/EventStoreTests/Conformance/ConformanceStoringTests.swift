import EventStore
import Foundation
import Testing

/// Storing runs: each message once by SHA-256, a batch all or nothing, every field read back as
/// written, and the cursor of an incremental source moving with its batch.
@Suite("Conformance: storing")
struct ConformanceStoringTests {
    @Test("a message is stored once, within a batch and across batches", arguments: StoreKinds.all)
    func duplicates(_ kind: StoreKind) throws {
        try withFreshStore(kind) { store in
            let a = Fixture.message("a", [Fixture.event("bounce", "x@example.org"), Fixture.event("delay", "y@example.org")])
            let b = Fixture.message("b", [Fixture.event("bounce", "z@example.org")])
            let first = try store.store([a, b, a])
            try #require(first.count == 3)
            guard case .stored(let idA) = first[0], case .stored(let idB) = first[1] else {
                Issue.record("not stored: \(first)")
                return
            }
            #expect(idB > idA)
            #expect(first[2] == .duplicate(ledgerID: idA))

            // The same bytes from elsewhere are the same message: only the SHA-256 counts.
            var again = Fixture.entry("b", at: Fixture.t0 + Fixture.day)
            again.sourceRef = "elsewhere/b"
            let second = try store.store([(again, [Fixture.event("bounce", "w@example.org")]), Fixture.message("c")])
            #expect(second.first == .duplicate(ledgerID: idB))
            guard case .stored(let idC)? = second.last else {
                Issue.record("c not stored: \(second)")
                return
            }
            #expect(idC > idB)
            #expect(try store.store(Fixture.entry("a"), events: []) == .duplicate(ledgerID: idA))

            #expect(try store.listedRecipients().sorted() == ["x@example.org", "y@example.org", "z@example.org"])
            #expect(try store.messageCounts(since: nil) == (messages: 3, pruned: 0))
            #expect(try store.rawMessage(ledgerID: idB) == Fixture.raw("b"))
        }
    }

    @Test("a batch that fails stores none of its messages and not its cursor", arguments: StoreKinds.all)
    func failedBatch(_ kind: StoreKind) throws {
        try withFreshStore(kind) { store in
            var broken = Fixture.entry("broken")
            broken.sha256 = Data(repeating: 7, count: 31) // a SHA-256 has 32 bytes
            let cursor = Cursor(source: "imap://u@mail.test/INBOX", uidValidity: 9, lastUID: 30, updatedAt: Fixture.t0)
            #expect(throws: StoreError.self) {
                _ = try store.store([Fixture.message("ok", [Fixture.event()]), (broken, [Fixture.event()])], advancing: cursor)
            }
            let counts = try store.messageCounts(since: nil)
            #expect(counts == (messages: 0, pruned: 0))
            #expect(try store.listedEvents().isEmpty)
            #expect(try store.cursor(for: cursor.source) == nil)

            // Nothing of it was left behind: the good message is new next time.
            #expect(try store.store(Fixture.entry("ok"), events: [Fixture.event()]).isStored)
            #expect(try store.messageCounts(since: nil) == (messages: 1, pruned: 0))
        }
    }

    @Test("every field of a message and its events reads back as stored", arguments: StoreKinds.all)
    func roundTrip(_ kind: StoreKind) throws {
        try withFreshStore(kind) { store in
            let received = Fixture.t0 + 0.25
            let raw = Data([0, 1, 2, 0xFF, 0x0A, 0x80])
            let entry = LedgerEntry(sourceKind: .imap, sourceRef: "acct/INBOX/5/10", messageID: "m1@mail.test",
                                    sha256: Fixture.digest("full"), size: raw.count, receivedAt: received,
                                    parserVersion: "2.1", outcome: .unrecognized, deliveredTo: "acme+t1@event.test",
                                    raw: raw)
            let full = Event(kind: "complaint", recipient: "R.Person@Example.org", reason: "feedback", hard: true,
                             senderSide: true, status: "5.7.1", replyCode: 554, action: "failed",
                             diagnostic: "554 5.7.1 rejected: it's \"spam\"", remoteMTA: "mx.example.org",
                             reportingMTA: "mta.mail.test", envelopeID: "env-1", feedbackType: "abuse",
                             detector: "arf", cause: "The recipient marked it as spam.", remedy: "Stop sending.",
                             originalMessageID: "orig@acme.test", originalSubject: "Arve nr 7 – ÕUN",
                             originalFrom: "mari@acme.test", originalDate: "Thu, 28 May 2026 20:00:00 +0300",
                             occurredAt: received + 1.5, verified: false, rule: "feedback type abuse")
            let bare = Event(kind: "delay", recipient: nil, reason: "expired", detector: "dsn", occurredAt: received)
            let id = try store.storedID((entry, [full, bare]))

            let listed = try store.listedEvents()
            try #require(listed.count == 2)
            var expected = [full, bare]
            for index in expected.indices {
                expected[index].id = listed[index].id
                expected[index].ledgerID = id
            }
            #expect(listed == expected)
            #expect((listed[0].id ?? 0) < (listed[1].id ?? 0), "ids increase in the order stored")

            let eventID = try #require(listed[0].id)
            let message = try #require(try store.eventDetail(id: eventID).message)
            #expect(message.id == id)
            #expect(message.sourceKind == .imap && message.sourceRef == "acct/INBOX/5/10")
            #expect(message.messageID == "m1@mail.test" && message.sha256 == Fixture.digest("full"))
            #expect(message.size == raw.count && message.receivedAt == received)
            #expect(message.parserVersion == "2.1" && message.outcome == .unrecognized)
            #expect(message.prunedAt == nil && message.companyID == nil)
            #expect(message.deliveredTo == "acme+t1@event.test")
            #expect(message.raw == nil, "the detail leaves the raw bytes out")
            #expect(try store.rawMessage(ledgerID: id) == raw)
            #expect(try store.rawMessage(ledgerID: id + 1000) == nil)
        }
    }

    @Test("events take their message's company", arguments: StoreKinds.all)
    func eventsTakeTheMessagesCompany(_ kind: StoreKind) throws {
        try withFreshStore(kind) { store in
            let acme = try store.addedCompany("acme")
            let beta = try store.addedCompany("beta")
            var stray = Fixture.event("delay", "b@example.org")
            stray.companyID = beta
            _ = try store.store([Fixture.message("m", company: acme, [Fixture.event("bounce", "a@example.org"), stray]),
                                 Fixture.message("u", [Fixture.event("bounce", "u@example.org")])])
            let events = try store.listedEvents().sorted { ($0.recipient ?? "") < ($1.recipient ?? "") }
            #expect(events.map(\.recipient) == ["a@example.org", "b@example.org", "u@example.org"])
            #expect(events.map(\.companyID) == [acme, acme, nil])
        }
    }

    @Test("the cursor is saved with its batch, also one of duplicates only", arguments: StoreKinds.all)
    func cursorWithBatch(_ kind: StoreKind) throws {
        try withFreshStore(kind) { store in
            let source = "imap://u@mail.test/INBOX"
            #expect(try store.cursor(for: source) == nil)
            _ = try store.store([Fixture.message("a")],
                                advancing: Cursor(source: source, uidValidity: 7, lastUID: 42, updatedAt: Fixture.t0))
            let saved = try #require(try store.cursor(for: source))
            #expect(saved.source == source && saved.uidValidity == 7 && saved.lastUID == 42 && saved.updatedAt == Fixture.t0)

            _ = try store.store([Fixture.message("a")],
                                advancing: Cursor(source: source, uidValidity: 7, lastUID: 50, updatedAt: Fixture.t0 + 60))
            let moved = try #require(try store.cursor(for: source))
            #expect(moved.lastUID == 50 && moved.updatedAt == Fixture.t0 + 60)
            #expect(try store.messageCounts(since: nil).messages == 1)
        }
    }

    @Test("saving a cursor overwrites that source's and no other", arguments: StoreKinds.all)
    func saveCursor(_ kind: StoreKind) throws {
        try withFreshStore(kind) { store in
            let inbox = "imap://u@mail.test/INBOX", archive = "imap://u@mail.test/Archive"
            try store.save(Cursor(source: inbox, uidValidity: 1, lastUID: 10, updatedAt: Fixture.t0))
            try store.save(Cursor(source: archive, uidValidity: 2, lastUID: 20, updatedAt: Fixture.t0 + 1))
            try store.save(Cursor(source: inbox, uidValidity: 3, lastUID: 1, updatedAt: Fixture.t0 + 2.5))
            let first = try #require(try store.cursor(for: inbox))
            #expect(first.uidValidity == 3 && first.lastUID == 1 && first.updatedAt == Fixture.t0 + 2.5)
            try store.save(Cursor(source: inbox, uidValidity: nil, lastUID: nil, updatedAt: Fixture.t0 + 3))
            let cleared = try #require(try store.cursor(for: inbox))
            #expect(cleared.uidValidity == nil && cleared.lastUID == nil && cleared.updatedAt == Fixture.t0 + 3)
            let other = try #require(try store.cursor(for: archive))
            #expect(other.uidValidity == 2 && other.lastUID == 20 && other.updatedAt == Fixture.t0 + 1)
        }
    }
}
