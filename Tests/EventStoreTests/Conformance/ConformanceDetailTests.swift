import EventStore
import Foundation
import Testing

/// `eventDetail` and `rawMessage`: an event with its message, siblings, outgoing message and company.
@Suite("Conformance: event detail")
struct ConformanceDetailTests {
    typealias F = Fixture

    @Test("an event with its message (without raw bytes) and its siblings in id order", arguments: StoreKinds.all)
    func messageAndSiblings(_ kind: StoreKind) throws {
        try withFreshStore(kind) { store in
            let ledgerID = try store.storedID(F.message("m", at: F.t0 + 0.5, deliveredTo: "x@event.test", [
                F.event("bounce", "a@example.org", at: F.t0 + 3),
                F.event("bounce", "b@example.org", at: F.t0 + 1),
                F.event("delay", "c@example.org", at: F.t0 + 2),
            ]))
            _ = try store.storedID(F.message("other", [F.event("bounce", "d@example.org")]))
            let ids = try store.listedEvents(EventFilter(recipient: "example.org"))
                .filter { $0.ledgerID == ledgerID }.compactMap(\.id).sorted()
            try #require(ids.count == 3)

            let detail = try store.eventDetail(id: ids[1])
            #expect(detail.event.id == ids[1] && detail.event.recipient == "b@example.org")
            #expect(detail.otherEvents == [ids[0], ids[2]])
            let message = try #require(detail.message)
            #expect(message.id == ledgerID && message.sourceRef == "cur/m" && message.receivedAt == F.t0 + 0.5)
            #expect(message.sha256 == F.digest("m") && message.size == F.raw("m").count)
            #expect(message.deliveredTo == "x@event.test" && message.raw == nil)
            #expect(detail.rawKept)
            #expect(detail.outgoing == nil && detail.outgoingRecipients.isEmpty)
            #expect(detail.company == nil && !detail.companiesExist)
            #expect(try store.eventDetail(id: ids[0]).otherEvents == [ids[1], ids[2]])
        }
    }

    @Test("rawKept and rawMessage follow pruning", arguments: StoreKinds.all)
    func rawAfterPruning(_ kind: StoreKind) throws {
        try withFreshStore(kind) { store in
            let old = try store.storedID(F.message("old", at: F.t0, [F.event("bounce", "a@example.org", at: F.t0)]))
            let new = try store.storedID(F.message("new", at: F.t0 + F.day, [F.event("bounce", "b@example.org", at: F.t0 + 1)]))
            #expect(try store.rawMessage(ledgerID: old) == F.raw("old"))
            let pruned = try store.pruneRaw(receivedBefore: F.t0 + 1, now: F.t0 + 2 * F.day)
            #expect(pruned == (messages: 1, bytes: F.raw("old").count))

            let events = try store.listedEvents()
            let oldDetail = try store.eventDetail(id: try #require(events.last?.id))
            #expect(!oldDetail.rawKept)
            #expect(oldDetail.message?.id == old && oldDetail.message?.prunedAt == F.t0 + 2 * F.day)
            let newDetail = try store.eventDetail(id: try #require(events.first?.id))
            #expect(newDetail.rawKept && newDetail.message?.id == new && newDetail.message?.prunedAt == nil)
            #expect(try store.rawMessage(ledgerID: old) == nil)
            #expect(try store.rawMessage(ledgerID: new) == F.raw("new"))
            #expect(try store.rawMessage(ledgerID: new + old + 100) == nil)
        }
    }

    @Test("a matched event with its outgoing message, recipients and company", arguments: StoreKinds.all)
    func outgoingAndCompany(_ kind: StoreKind) throws {
        try withFreshStore(kind) { store in
            let acme = try store.addedCompany("acme", at: F.t0 - F.day)
            _ = try store.addedCompany("beta")
            let record = try store.recorded(F.draft(company: acme), to: ["carol@example.org", "Bob@example.org"])
            let outgoing = try #require(record.id)
            _ = try store.storedID(F.message("m", company: acme, [
                F.event("bounce", "bob@example.org", outgoingID: outgoing, verified: true),
            ]))
            let id = try #require(try store.listedIDs().first)
            let detail = try store.eventDetail(id: id)
            #expect(detail.event.outgoingID == outgoing && detail.event.matchMethod == "tag" && detail.event.verified == true)
            #expect(detail.outgoing == record)
            #expect(detail.outgoingRecipients == [OutgoingRecipient(outgoingID: outgoing, address: "Bob@example.org"),
                                                  OutgoingRecipient(outgoingID: outgoing, address: "carol@example.org")])
            #expect(detail.company == Company(id: acme, name: "acme", createdAt: F.t0 - F.day))
            #expect(detail.companiesExist)
        }
    }

    @Test("a submission error has no message; an unattributed event still says companies exist",
          arguments: StoreKinds.all)
    func submissionErrorAndUnattributed(_ kind: StoreKind) throws {
        try withFreshStore(kind) { store in
            let acme = try store.addedCompany("acme")
            var record = try store.recorded(F.draft(company: acme), to: ["a@example.org"])
            let outgoing = try #require(record.id)
            record.state = .failed
            record.smtpReply = "535 5.7.8 authentication failed"
            var error = F.event("submission_error", "a@example.org", reason: "authfailure", at: F.t0 + 1,
                                outgoingID: outgoing, verified: true)
            error.matchMethod = "submission"
            error.companyID = acme
            try store.finishOutgoing(record, recipients: [], events: [error])
            _ = try store.storedID(F.message("u", [F.event("bounce", "u@example.org", at: F.t0 + 2)]))

            let listed = try store.listedEvents()
            try #require(listed.map(\.kind) == ["bounce", "submission_error"])
            let submission = try store.eventDetail(id: try #require(listed[1].id))
            #expect(submission.event.ledgerID == nil && submission.message == nil)
            #expect(!submission.rawKept && submission.otherEvents.isEmpty)
            #expect(submission.outgoing == record)
            #expect(submission.outgoingRecipients == [OutgoingRecipient(outgoingID: outgoing, address: "a@example.org")])
            #expect(submission.company?.id == acme && submission.companiesExist)

            let unattributed = try store.eventDetail(id: try #require(listed[0].id))
            #expect(unattributed.company == nil && unattributed.companiesExist)
            #expect(unattributed.outgoing == nil && unattributed.otherEvents.isEmpty)
        }
    }

    @Test("a missing event is a not-found StoreError", arguments: StoreKinds.all)
    func missing(_ kind: StoreKind) throws {
        try withFreshStore(kind) { store in
            let ledgerID = try store.storedID(F.message("m", [F.event()]))
            let id = try #require(try store.listedIDs().first)
            #expect(try store.eventDetail(id: id).message?.id == ledgerID)
            let missingIDs: [Int64] = [id + 1, id + 1000, 0, -1]
            for missing in missingIDs {
                let error = #expect(throws: StoreError.self, "event \(missing)") {
                    _ = try store.eventDetail(id: missing)
                }
                #expect(error?.isNotFound == true, "\(String(describing: error))")
                #expect(error?.isBusy == false)
            }
        }
    }
}
