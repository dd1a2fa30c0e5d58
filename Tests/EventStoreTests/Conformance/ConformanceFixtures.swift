import EventStore
import Foundation
import Testing

/// What the conformance tests store: fixed dates, ledger rows, events, outgoing messages and SMTP
/// profiles. Dates are whole seconds (or binary fractions of one), which every engine keeps exactly.
enum Fixture {
    /// The moment every test counts from (2026-05-28 20:26:40 UTC), never the wall clock.
    static let t0 = Date(timeIntervalSince1970: 1_780_000_000)
    static let day: TimeInterval = 86_400

    /// 32 bytes standing for the SHA-256 of the message `name` (distinct names, distinct digests).
    static func digest(_ name: String) -> Data {
        var bytes = Data(capacity: 32)
        for lane in UInt64(0)..<4 {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ (lane &* 0x9e37_79b9_7f4a_7c15)
            for byte in name.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
            withUnsafeBytes(of: hash.bigEndian) { bytes.append(contentsOf: $0) }
        }
        return bytes
    }

    /// The raw bytes of the message `name`.
    static func raw(_ name: String) -> Data {
        Data("Message-ID: <\(name)@mail.test>\r\nSubject: report \(name)\r\n\r\nbody of \(name)\r\n".utf8)
    }

    /// The ledger row of the message `name`, with its raw bytes.
    static func entry(_ name: String, at date: Date = t0, company: Int64? = nil, deliveredTo: String? = nil,
                      outcome: LedgerEntry.Outcome = .classified) -> LedgerEntry {
        let raw = raw(name)
        return LedgerEntry(sourceKind: .maildir, sourceRef: "cur/\(name)", messageID: "\(name)@mail.test",
                           sha256: digest(name), size: raw.count, receivedAt: date, parserVersion: "1.0",
                           outcome: outcome, companyID: company, deliveredTo: deliveredTo, raw: raw)
    }

    /// An event about `recipient`; with `outgoingID` or `verified` it is matched by tag.
    static func event(_ kind: String = "bounce", _ recipient: String? = "someone@example.org",
                      reason: String = "userunknown", at date: Date = t0, subject: String? = nil,
                      outgoingID: Int64? = nil, verified: Bool? = nil) -> Event {
        Event(kind: kind, recipient: recipient, reason: reason, detector: "conformance", originalSubject: subject,
              occurredAt: date, outgoingID: outgoingID, matchMethod: outgoingID == nil && verified == nil ? nil : "tag",
              verified: verified)
    }

    /// The message `name` with its events.
    static func message(_ name: String, at date: Date = t0, company: Int64? = nil, deliveredTo: String? = nil,
                        _ events: [Event] = []) -> StoredMessage {
        (entry(name, at: date, company: company, deliveredTo: deliveredTo), events)
    }

    /// An outgoing message as `events send` records it before submission.
    static func draft(user: String = "MARI", subject: String = "Invoice 1", at date: Date = t0,
                      company: Int64? = nil) -> OutgoingRecord {
        OutgoingRecord(userCode: user, profileUser: user, server: "smtp.test:587 starttls", authUser: "mari@acme.test",
                       senderMode: "reply-to", envelopeFrom: "acme@event.test", fromAddress: "acme@event.test",
                       replyTo: "mari@acme.test", subject: subject, size: 1_234, createdAt: date, companyID: company)
    }

    /// A user's SMTP profile.
    static func profile(_ user: String, address: String, company: Int64? = nil,
                        host: String? = "smtp.test") -> SMTPProfileRecord {
        SMTPProfileRecord(userCode: user, host: host, port: host == nil ? nil : 587, tls: host == nil ? nil : "starttls",
                          username: address, auth: "password", secretSource: "env:SMTP_SECRET", senderMode: "own",
                          address: address, displayName: "User \(user)", preset: nil, companyID: company, updatedAt: t0)
    }
}

extension StoreResult {
    var isStored: Bool {
        if case .stored = self { return true }
        return false
    }
}

/// A fixture that could not be set up (the test fails with it).
struct FixtureFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Short readers and writers over the protocol, for the tests' expectations.
extension EventStore {
    /// The events `filter` selects, in the store's order.
    func listedEvents(_ filter: EventFilter = EventFilter(), limit: Int? = nil) throws -> [Event] {
        var events: [Event] = []
        try forEachEvent(matching: filter, limit: limit) { events.append($0) }
        return events
    }

    /// The recipients of the events `filter` selects, in the store's order.
    func listedRecipients(_ filter: EventFilter = EventFilter(), limit: Int? = nil) throws -> [String] {
        try listedEvents(filter, limit: limit).map { $0.recipient ?? "-" }
    }

    /// The ids of the events `filter` selects, in the store's order.
    func listedIDs(_ filter: EventFilter = EventFilter()) throws -> [Int64] {
        try listedEvents(filter).map { $0.id ?? 0 }
    }

    /// Stores one message that must be new and returns its ledger id.
    func storedID(_ message: StoredMessage) throws -> Int64 {
        let result = try store([message])
        guard case .stored(let id)? = result.first else {
            throw FixtureFailure("\(message.entry.sourceRef) was not stored: \(result)")
        }
        return id
    }

    /// Adds a company that must be new and returns its id.
    func addedCompany(_ name: String, at date: Date = Fixture.t0) throws -> Int64 {
        guard case .added(let company, _) = try addCompany(named: name, now: date) else {
            throw FixtureFailure("the company \(name) was there already")
        }
        return try #require(company.id)
    }

    /// Records an outgoing message with a tag and Message-ID made of its id; returns the record.
    func recorded(_ draft: OutgoingRecord, to recipients: [String]) throws -> OutgoingRecord {
        try recordOutgoing(draft, recipients: recipients) { record, _ in
            let id = record.id ?? 0
            record.tag = "m\(id)r0.k1.signature"
            record.messageID = "m\(id)r0@acme.test"
        }
    }

    /// Records an outgoing message and returns its id.
    func recordedID(_ draft: OutgoingRecord, to recipients: [String]) throws -> Int64 {
        try #require(try recorded(draft, to: recipients).id)
    }

    /// The ids of the stored messages `forEachStoredMessageBatch` hands out, batch by batch.
    func storedBatches(since: Date? = nil, company: CompanySelection = .any, batchSize: Int = 256) throws -> [[Int64]] {
        var batches: [[Int64]] = []
        try forEachStoredMessageBatch(since: since, company: company, batchSize: batchSize) { batch in
            batches.append(batch.map { $0.id ?? 0 })
        }
        return batches
    }
}
