import EventStore
import Foundation
import GRDB
import Testing

/// The store on a temporary database: writing, duplicates, replacing, pruning, queries.
@Suite("EventStore")
struct EventStoreTests {
    /// A fresh database in a temporary folder, removed after `body`.
    static func withStore(_ body: (SQLiteStore, String) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("store-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("events.sqlite").path
        try body(try SQLiteStore(path: path), path)
    }

    static func entry(_ text: String, at date: Date = Date()) -> LedgerEntry {
        let bytes = Data(text.utf8)
        var digest = Data(repeating: 0, count: 32)
        for (index, byte) in bytes.enumerated() { digest[index % 32] ^= byte &+ UInt8(truncatingIfNeeded: index) }
        return LedgerEntry(sourceKind: .stdin, sourceRef: "1", messageID: "\(text)@test", sha256: digest,
                           size: bytes.count, receivedAt: date, parserVersion: "test", outcome: .classified, raw: bytes)
    }

    static func event(_ kind: String, _ recipient: String, _ reason: String = "userunknown", at date: Date) -> Event {
        Event(kind: kind, recipient: recipient, reason: reason, detector: "test", occurredAt: date)
    }

    @Test func aMessageIsStoredOnceWithItsEvents() throws {
        try Self.withStore { store, _ in
            let now = Date()
            let results = try store.store([
                (Self.entry("a"), [Self.event("bounce", "x@a.test", at: now), Self.event("delay", "y@a.test", at: now)]),
                (Self.entry("a"), [Self.event("bounce", "x@a.test", at: now)]),
            ])
            guard case .stored(let id) = results[0] else { Issue.record("not stored"); return }
            #expect(results[1] == .duplicate(ledgerID: id))
            #expect(try store.store(Self.entry("a"), events: []) == .duplicate(ledgerID: id))
            var kinds: [String] = []
            try store.forEachEvent(matching: EventFilter(), limit: nil) { kinds.append($0.kind) }
            #expect(kinds.sorted() == ["bounce", "delay"])
            #expect(try store.messageCounts(since: nil).messages == 1)
        }
    }

    @Test func aFailedBatchStoresNothing() throws {
        try Self.withStore { store, _ in
            var broken = Self.entry("b")
            broken.sha256 = Data([1, 2, 3]) // violates CHECK (length(sha256) = 32)
            #expect(throws: StoreError.self) {
                try store.store([(Self.entry("a"), []), (broken, [])])
            }
            let counts = try store.messageCounts(since: nil)
            #expect(counts.messages == 0)
        }
    }

    @Test func filtersAndOrder() throws {
        try Self.withStore { store, _ in
            let now = Date()
            let day: TimeInterval = 86_400
            _ = try store.store([
                (Self.entry("1"), [Self.event("bounce", "Old@A.test", at: now - 40 * day)]),
                (Self.entry("2"), [Self.event("bounce", "new@a.test", "mailboxfull", at: now - day)]),
                (Self.entry("3"), [Self.event("submission_error", "s@b.test", "authfailure", at: now - 2 * day)]),
                (Self.entry("4"), [Self.event("delay", "d@b.test", "expired", at: now - day / 2)]),
                (Self.entry("5"), [Self.event("delivered", "ok@b.test", "delivered", at: now)]),
            ])
            func recipients(_ filter: EventFilter, limit: Int? = nil) throws -> [String] {
                var found: [String] = []
                try store.forEachEvent(matching: filter, limit: limit) { found.append($0.recipient ?? "-") }
                return found
            }
            #expect(try recipients(EventFilter()) == ["ok@b.test", "d@b.test", "new@a.test", "s@b.test", "Old@A.test"])
            #expect(try recipients(EventFilter(failedOnly: true)) == ["new@a.test", "s@b.test", "Old@A.test"])
            #expect(try recipients(EventFilter(failedOnly: true, since: now - 30 * day)) == ["new@a.test", "s@b.test"])
            #expect(try recipients(EventFilter(until: now - 30 * day)) == ["Old@A.test"])
            #expect(try recipients(EventFilter(recipient: "old@a.TEST")) == ["Old@A.test"])
            #expect(try recipients(EventFilter(reason: "mailboxfull")) == ["new@a.test"])
            #expect(try recipients(EventFilter(kind: "delay")) == ["d@b.test"])
            #expect(try recipients(EventFilter(), limit: 2) == ["ok@b.test", "d@b.test"])

            let stats = try store.statistics(since: now - 30 * day)
            #expect(stats.events == 4)
            #expect(stats.byKind.map(\.name) == ["bounce", "delay", "delivered", "submission_error"])
            #expect(stats.topFailingDomains == [.init(name: "a.test", count: 1), .init(name: "b.test", count: 1)])
        }
    }

    /// The list queries read an index newest first and stop at the limit: no full scan, no sort.
    @Test(arguments: [
        (EventFilter(failedOnly: true, since: Date()), "SEARCH events USING INDEX events_failed_time (occurred_at>?)"),
        (EventFilter(failedOnly: true), "SCAN events USING INDEX events_failed_time"),
        (EventFilter(since: Date()), "SEARCH events USING INDEX events_time (occurred_at>?)"),
        (EventFilter(failedOnly: true, since: Date(), reason: "blocked"),
         "SEARCH events USING INDEX events_reason_time (reason=? AND occurred_at>?)"),
        (EventFilter(since: Date(), recipient: "a@b.test"),
         "SEARCH events USING INDEX events_recipient_time (recipient=? AND occurred_at>?)"),
        // One company's: the same walk, other companies' entries skipped on the index's company_id.
        (EventFilter(failedOnly: true, since: Date(), company: .company(7)),
         "SEARCH events USING INDEX events_failed_time (occurred_at>?)"),
        (EventFilter(failedOnly: true, company: .company(7)), "SCAN events USING INDEX events_failed_time"),
        (EventFilter(since: Date(), company: .company(7)), "SEARCH events USING INDEX events_time (occurred_at>?)"),
    ])
    func listQueriesReadAnIndexInOrder(_ filter: EventFilter, _ expected: String) throws {
        try Self.withStore { store, _ in
            let plan = try store.reading("test") { db in
                let statement = try filter.request.limit(101).makePreparedRequest(db).statement
                return try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + statement.sql, arguments: statement.arguments)
                    .map { $0["detail"] as String }
            }
            #expect(plan == [expected])
        }
    }

    @Test func replacingEventsKeepsTheirIDsAndTheOutgoingMatch() throws {
        try Self.withStore { store, path in
            let now = Date()
            let results = try store.store([(Self.entry("r"), [Self.event("bounce", "a@x.test", at: now), Self.event("bounce", "b@x.test", at: now)])])
            guard case .stored(let ledgerID) = results[0] else { Issue.record("not stored"); return }
            try DatabaseQueue(path: path).write { db in
                try db.execute(sql: """
                    INSERT INTO outgoing (id, user_code, profile_user, server, sender_mode, envelope_from, from_address, subject, created_at)
                    VALUES (7, 'u', 'u', 'h:25 none', 'own', 'u@x.test', 'u@x.test', 's', '2026-01-01 00:00:00.000')
                    """)
                try db.execute(sql: "UPDATE events SET outgoing_id = 7, match_method = 'tag', verified = 1")
            }
            var before: [Int64] = []
            try store.forEachEvent(matching: EventFilter(), limit: nil) { before.append($0.id ?? 0) }

            try store.replaceEvents([.init(ledgerID: ledgerID, events: [Self.event("bounce", "a@x.test", "mailboxfull", at: now)], outcome: .classified)],
                                      parserVersion: "2")
            var after: [Event] = []
            try store.forEachEvent(matching: EventFilter(), limit: nil) { after.append($0) }
            #expect(after.count == 1)
            #expect(after.first?.id == before.min())
            #expect(after.first?.reason == "mailboxfull")
            #expect(after.first?.outgoingID == 7)
            #expect(after.first?.matchMethod == "tag")
            #expect(after.first?.verified == true)
        }
    }

    @Test func pruningDropsRawBytesOnly() throws {
        try Self.withStore { store, _ in
            let now = Date()
            _ = try store.store([
                (Self.entry("old", at: now - 200 * 86_400), [Self.event("bounce", "a@x.test", at: now)]),
                (Self.entry("new", at: now), [Self.event("bounce", "b@x.test", at: now)]),
            ])
            let pruned = try store.pruneRaw(receivedBefore: now - 180 * 86_400, now: now)
            #expect(pruned.messages == 1)
            #expect(pruned.bytes == 3)
            #expect(try store.messageCounts(since: nil) == (messages: 2, pruned: 1))
            var count = 0
            try store.forEachEvent(matching: EventFilter(), limit: nil) { _ in count += 1 }
            #expect(count == 2)
            #expect(try store.rawMessage(ledgerID: 1) == nil)
            #expect(try store.rawMessage(ledgerID: 2) == Data("new".utf8))
        }
    }

    @Test func connectionsOpeningANewDatabaseAtOnceAllSucceed() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("store-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for round in 0..<10 {
            let path = folder.appendingPathComponent("events-\(round).sqlite").path
            let failures = Failures()
            DispatchQueue.concurrentPerform(iterations: 4) { _ in
                do { _ = try SQLiteStore(path: path) } catch { failures.add("\(error)") }
            }
            #expect(failures.all.isEmpty)
            let tables = try DatabaseQueue(path: path).read {
                try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            }
            #expect(tables == ["companies", "company_settings", "cursors", "events", "grdb_migrations", "leases", "ledger", "outgoing",
                               "outgoing_recipients", "settings", "smtp_profiles"])
        }
    }

    @Test func anUnopenablePathSaysWhatToDo() throws {
        #expect {
            _ = try SQLiteStore(path: "/proc/self/no/such/events.sqlite")
        } throws: { error in
            let text = "\(error)"
            return text.contains("cannot open the event database '/proc/self/no/such/events.sqlite'")
                && text.contains("--db PATH or EVENTS_DB")
        }
    }

    /// A row SQLite refuses fails the whole batch with SQLite's own words, and nothing of it is
    /// stored; a duplicate in the same batch is skipped, not refused.
    @Test func aRefusedRowFailsItsBatchAndStoresNothing() throws {
        try Self.withStore { store, _ in
            let now = Date(timeIntervalSince1970: 1_795_000_000)
            var short = Self.entry("short", at: now)
            short.sha256 = Data([1, 2, 3])
            #expect {
                try store.store([(Self.entry("a", at: now), []), (short, [])])
            } throws: { error in
                "\(error)".contains("storing messages failed") && "\(error)".contains("CHECK constraint failed")
            }
            #expect(try store.store([(Self.entry("b", at: now), [])]).count == 1)
            let results = try store.store([(Self.entry("a", at: now), []), (Self.entry("a", at: now), [])])
            guard case .stored(let id) = results[0], case .duplicate(let same) = results[1] else {
                Issue.record("\(results)")
                return
            }
            #expect(id == same)
            #expect(try store.store([(Self.entry("b", at: now), [])]).map { if case .duplicate = $0 { true } else { false } } == [true])
        }
    }

    @Test func fastInsertsWriteWhatRecordInsertsWrite() throws {
        try Self.withStore { store, path in
            let now = Date(timeIntervalSince1970: 1_795_000_000.25)
            var event = Event(kind: "bounce", recipient: "r@x.test", reason: "blocked", hard: true, senderSide: true,
                              status: "5.7.1", replyCode: 554, action: "failed", diagnostic: "no\u{0}such user", remoteMTA: "mx",
                              reportingMTA: "rep", envelopeID: "env", detector: "d", cause: "c", remedy: "",
                              originalMessageID: "o@x", originalSubject: "s", originalFrom: "f", originalDate: "Mon",
                              occurredAt: now, outgoingID: nil, matchMethod: nil)
            let results = try store.store([(Self.entry("f", at: now), [event])])
            guard case .stored(let ledgerID) = results[0] else { Issue.record("not stored"); return }
            event.ledgerID = ledgerID
            let queue = try DatabaseQueue(path: path)
            try queue.write { db in
                var viaRecord = event
                try viaRecord.insert(db)
                var entry = Self.entry("g", at: now)
                try entry.insert(db)
            }
            let rows = try queue.read { db in
                (try Row.fetchAll(db, sql: "SELECT * FROM events ORDER BY id"), try Row.fetchAll(db, sql: "SELECT * FROM ledger ORDER BY id"))
            }
            #expect(rows.0.count == 2)
            #expect(Array(rows.0[0].databaseValues.dropFirst()) == Array(rows.0[1].databaseValues.dropFirst()))
            #expect(rows.0[0]["remedy"] as String? == "", "an empty text is bound as text, not NULL")
            #expect(rows.0[0]["verified"] as Bool? == nil)
            let ledger = rows.1.map { Array($0.databaseValues.dropFirst()) }
            #expect(ledger[0].count == ledger[1].count)
            #expect(ledger[0][5] == ledger[1][5], "received_at is written alike")
        }
    }
}

/// Errors collected from several threads.
final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []

    func add(_ item: String) {
        lock.lock()
        items.append(item)
        lock.unlock()
    }

    var all: [String] {
        lock.lock()
        defer { lock.unlock() }
        return items
    }
}
