import EventStore
import Foundation
import Testing

/// `pruneRaw` and `forEachStoredMessageBatch`: raw bytes dropped by date and company, rows and
/// events kept, and the messages still stored handed out in ledger order, a batch at a time.
@Suite("Conformance: pruning and stored messages")
struct ConformancePruneTests {
    typealias F = Fixture

    @Test("pruning by date drops the raw bytes of older messages once, keeping rows and events",
          arguments: StoreKinds.all)
    func byDate(_ kind: StoreKind) throws {
        try withFreshStore(kind) { store in
            let a = try store.storedID(F.message("a", at: F.t0, [F.event("bounce", "a@example.org")]))
            let b = try store.storedID(F.message("bb", at: F.t0 + F.day, [F.event("bounce", "b@example.org")]))
            let c = try store.storedID(F.message("ccc", at: F.t0 + 2 * F.day, [F.event("bounce", "c@example.org")]))

            let first = try store.pruneRaw(receivedBefore: F.t0 + F.day, company: .any, now: F.t0 + 10 * F.day)
            #expect(first == (messages: 1, bytes: F.raw("a").count))
            #expect(try store.rawMessage(ledgerID: a) == nil)
            #expect(try store.rawMessage(ledgerID: b) == F.raw("bb"))
            #expect(try store.messageCounts(since: nil) == (messages: 3, pruned: 1))

            // At the boundary itself a message is not older; one pruned before is not counted again.
            let second = try store.pruneRaw(receivedBefore: F.t0 + F.day + 0.5, now: F.t0 + 11 * F.day)
            #expect(second == (messages: 1, bytes: F.raw("bb").count))
            #expect(try store.pruneRaw(receivedBefore: F.t0 + F.day + 0.5, now: F.t0 + 12 * F.day) == (messages: 0, bytes: 0))
            #expect(try store.messageCounts(since: nil) == (messages: 3, pruned: 2))
            #expect(try store.rawMessage(ledgerID: c) == F.raw("ccc"))

            let details = try store.listedEvents().map { try store.eventDetail(id: $0.id ?? 0) }
            #expect(details.map(\.event.recipient) == ["c@example.org", "b@example.org", "a@example.org"])
            #expect(details.map(\.rawKept) == [true, false, false])
            #expect(details.map { $0.message?.prunedAt } == [nil, F.t0 + 11 * F.day, F.t0 + 10 * F.day])
            #expect(details.map { $0.message?.size } == [F.raw("ccc").count, F.raw("bb").count, F.raw("a").count])
        }
    }

    @Test("pruning one company's messages or the unattributed", arguments: StoreKinds.all)
    func byCompany(_ kind: StoreKind) throws {
        try withFreshStore(kind) { store in
            let acme = try store.addedCompany("acme"), beta = try store.addedCompany("beta")
            let a = try store.storedID(F.message("a", company: acme))
            let b = try store.storedID(F.message("b", company: beta))
            let u = try store.storedID(F.message("u"))
            let later = F.t0 + F.day

            #expect(try store.pruneRaw(receivedBefore: later, company: .company(acme), now: later)
                    == (messages: 1, bytes: F.raw("a").count))
            #expect(try store.rawMessage(ledgerID: a) == nil)
            #expect(try store.rawMessage(ledgerID: b) != nil && store.rawMessage(ledgerID: u) != nil)
            #expect(try store.messageCounts(since: nil, company: .company(acme)) == (messages: 1, pruned: 1))
            #expect(try store.messageCounts(since: nil, company: .company(beta)) == (messages: 1, pruned: 0))

            #expect(try store.pruneRaw(receivedBefore: later, company: .unattributed, now: later)
                    == (messages: 1, bytes: F.raw("u").count))
            #expect(try store.rawMessage(ledgerID: u) == nil && store.rawMessage(ledgerID: b) == F.raw("b"))
            #expect(try store.messageCounts(since: nil) == (messages: 3, pruned: 2))
        }
    }

    @Test("stored messages in ledger order, batchSize at a time, pruned ones skipped", arguments: StoreKinds.all)
    func batches(_ kind: StoreKind) throws {
        try withFreshStore(kind) { store in
            var ids: [Int64] = []
            for (index, name) in ["m1", "m2", "m3", "m4", "m5", "m6"].enumerated() {
                // Received out of ledger order: the order is the ledger's, not the dates'.
                let received = F.t0 + Double((index * 5) % 6) * 60
                ids.append(try store.storedID(F.message(name, at: received, [F.event()])))
            }
            #expect(ids == ids.sorted())
            #expect(try store.storedBatches(batchSize: 4) == [Array(ids[0..<4]), Array(ids[4..<6])])
            #expect(try store.storedBatches(batchSize: 3) == [Array(ids[0..<3]), Array(ids[3..<6])])
            #expect(try store.storedBatches(batchSize: 10) == [ids])

            _ = try store.pruneRaw(receivedBefore: F.t0 + 60, now: F.t0 + F.day) // m1 only (received at t0)
            #expect(try store.storedBatches(batchSize: 2) == [[ids[1], ids[2]], [ids[3], ids[4]], [ids[5]]])

            var entries: [LedgerEntry] = []
            try store.forEachStoredMessageBatch(since: nil, company: .any, batchSize: 256) { entries += $0 }
            #expect(entries.map(\.id) == Array(ids.dropFirst()))
            #expect(entries.map { $0.raw ?? Data() } == ["m2", "m3", "m4", "m5", "m6"].map(F.raw))
            #expect(entries.map(\.sha256) == ["m2", "m3", "m4", "m5", "m6"].map(F.digest))
            #expect(entries.allSatisfy { $0.prunedAt == nil && $0.parserVersion == "1.0" && $0.sourceKind == .maildir })
        }
    }

    @Test("stored messages since a moment (inclusive) and of one company", arguments: StoreKinds.all)
    func sinceAndCompany(_ kind: StoreKind) throws {
        try withFreshStore(kind) { store in
            let acme = try store.addedCompany("acme")
            let early = try store.storedID(F.message("early", at: F.t0, company: acme))
            let edge = try store.storedID(F.message("edge", at: F.t0 + 60))
            let late = try store.storedID(F.message("late", at: F.t0 + 120, company: acme))
            #expect(try store.storedBatches(since: F.t0 + 60) == [[edge, late]])
            #expect(try store.storedBatches(since: F.t0 + 60.25) == [[late]])
            #expect(try store.storedBatches(since: F.t0 + 121) == [])
            #expect(try store.storedBatches(company: .company(acme)) == [[early, late]])
            #expect(try store.storedBatches(company: .unattributed) == [[edge]])
            #expect(try store.storedBatches(since: F.t0 + 1, company: .company(acme)) == [[late]])
            #expect(try store.storedBatches(company: .company(acme + 100)) == [])
        }
    }
}
