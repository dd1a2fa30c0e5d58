import EventStore
import Foundation
import PostgresNIO

/// Storing runs: batches of messages, cursors, reparse, prune, leases.
extension PostgresStore {
    /// Rows per INSERT: PostgreSQL takes at most 65,535 bound values in one statement.
    static let ledgerRowsPerInsert = 1_000
    static let eventRowsPerInsert = 2_000

    /// One transaction: the batch's new messages (`INSERT … ON CONFLICT (sha256) DO NOTHING`, so a
    /// message another worker stored at the same moment is a duplicate, not an error), their
    /// events, and the cursor.
    public func store(_ messages: [StoredMessage], advancing cursor: Cursor?) throws(StoreError) -> [StoreResult] {
        let action = "storing messages"
        return try writing(action) {
            var firstIndex: [Data: Int] = [:]
            var unique: [Int] = []
            for (index, message) in messages.enumerated() where firstIndex[message.entry.sha256] == nil {
                firstIndex[message.entry.sha256] = index
                unique.append(index)
            }
            var stored: [Data: Int64] = [:]
            for chunk in unique.chunked(Self.ledgerRowsPerInsert) {
                var builder = StatementBuilder("""
                    INSERT INTO ledger (source_kind, source_ref, message_id, sha256, size, received_at, parser_version, \
                    outcome, pruned_at, company_id, delivered_to, raw) VALUES
                    """)
                for (position, index) in chunk.enumerated() {
                    builder.sql += (position == 0 ? " (" : ", (") + builder.placeholders(12) + ")"
                    let entry = messages[index].entry
                    builder.binds.append(entry.sourceKind.rawValue)
                    builder.binds.text(entry.sourceRef)
                    builder.binds.text(entry.messageID)
                    builder.binds.bytes(entry.sha256)
                    builder.binds.append(Int64(entry.size))
                    builder.binds.date(entry.receivedAt)
                    builder.binds.text(entry.parserVersion)
                    builder.binds.append(entry.outcome.rawValue)
                    builder.binds.date(entry.prunedAt)
                    builder.binds.value(entry.companyID)
                    builder.binds.text(entry.deliveredTo)
                    builder.binds.bytes(entry.raw)
                }
                builder.sql += " ON CONFLICT (sha256) DO NOTHING RETURNING id, sha256"
                for row in try query(builder.query, action) {
                    var c = ColumnReader(row, action)
                    let id: Int64 = try c.next()
                    stored[try c.data()] = id
                }
            }
            let missing = unique.map { messages[$0].entry.sha256 }.filter { stored[$0] == nil }
            var existing: [Data: Int64] = [:]
            for chunk in missing.chunked(Self.ledgerRowsPerInsert) {
                var builder = StatementBuilder("SELECT id, sha256 FROM ledger WHERE sha256 IN (")
                builder.sql += builder.placeholders(chunk.count) + ")"
                for sha in chunk { builder.binds.bytes(sha) }
                for row in try query(builder.query, action) {
                    var c = ColumnReader(row, action)
                    let id: Int64 = try c.next()
                    existing[try c.data()] = id
                }
            }
            var events: [Event] = []
            for index in unique {
                guard let id = stored[messages[index].entry.sha256] else { continue }
                for var event in messages[index].events {
                    event.ledgerID = id
                    event.companyID = messages[index].entry.companyID
                    events.append(event)
                }
            }
            try insert(events, action)
            if let cursor { try save(cursor, action) }
            return try messages.enumerated().map { index, message throws -> StoreResult in
                let sha = message.entry.sha256
                if firstIndex[sha] == index, let id = stored[sha] { return .stored(ledgerID: id) }
                guard let id = stored[sha] ?? existing[sha] else {
                    throw StoreError.failed(location, action: action, reason: "a message neither stored nor found")
                }
                return .duplicate(ledgerID: id)
            }
        }
    }

    /// Inserts events, many to a statement.
    func insert(_ events: [Event], _ action: String) throws {
        for chunk in events.chunked(Self.eventRowsPerInsert) {
            var builder = StatementBuilder("INSERT INTO events (\(Event.pgInsertColumns)) VALUES")
            for (position, event) in chunk.enumerated() {
                builder.sql += (position == 0 ? " (" : ", (") + builder.placeholders(Event.pgInsertColumnCount) + ")"
                event.appendValues(to: &builder.binds)
            }
            try execute(builder.query, action)
        }
    }

    public func save(_ cursor: Cursor) throws(StoreError) {
        try writing("saving the cursor of \(cursor.source)") { try save(cursor, "saving the cursor of \(cursor.source)") }
    }

    private func save(_ cursor: Cursor, _ action: String) throws {
        try execute("""
            INSERT INTO cursors (source, uidvalidity, last_uid, updated_at)
            VALUES (\(cursor.source), \(cursor.uidValidity), \(cursor.lastUID), \(Timestamp(cursor.updatedAt)))
            ON CONFLICT (source) DO UPDATE SET uidvalidity = excluded.uidvalidity, last_uid = excluded.last_uid,
                updated_at = excluded.updated_at
            """, action)
    }

    public func cursor(for source: String) throws(StoreError) -> Cursor? {
        let action = "reading the cursor of \(source)"
        return try reading(action) {
            try query("SELECT source, uidvalidity, last_uid, updated_at FROM cursors WHERE source = \(source)", action)
                .first.map(Cursor.init(pg:))
        }
    }

    public func replaceEvents(_ replacements: [EventReplacement], parserVersion: String) throws(StoreError) {
        let action = "replacing events"
        try writing(action) {
            for replacement in replacements { try replace(replacement, parserVersion: parserVersion, action) }
        }
    }

    /// See `SQLiteStore`'s: the message's events updated in place in id order, extra ones inserted
    /// or deleted; a new event without a match keeps the old one's.
    private func replace(_ replacement: EventReplacement, parserVersion: String, _ action: String) throws {
        let ledgerID = replacement.ledgerID
        if let company = replacement.company {
            try execute("UPDATE ledger SET company_id = \(company.id), delivered_to = \(pgText(company.deliveredTo)) WHERE id = \(ledgerID)",
                        action)
        }
        let companyID = try query("SELECT company_id FROM ledger WHERE id = \(ledgerID)", action).first?.first(Int64?.self) ?? nil
        let old = try query("SELECT \(unescaped: Event.pgColumns) FROM events WHERE ledger_id = \(ledgerID) ORDER BY id",
                            action).map(Event.init(pg:))
        var inserted: [Event] = []
        for (index, var event) in replacement.events.enumerated() {
            event.ledgerID = ledgerID
            event.companyID = companyID
            guard index < old.count, let id = old[index].id else {
                inserted.append(event)
                continue
            }
            if event.outgoingID == nil && event.verified == nil {
                event.outgoingID = old[index].outgoingID
                event.matchMethod = old[index].matchMethod
                event.verified = old[index].verified
            }
            var builder = StatementBuilder("UPDATE events SET (\(Event.pgInsertColumns)) = ROW(")
            builder.sql += builder.placeholders(Event.pgInsertColumnCount) + ")"
            event.appendValues(to: &builder.binds)
            builder.sql += " WHERE id = \(builder.bind(id))"
            try execute(builder.query, action)
        }
        try insert(inserted, action)
        for event in old.dropFirst(replacement.events.count) {
            if let id = event.id { try execute("DELETE FROM events WHERE id = \(id)", action) }
        }
        try execute("""
            UPDATE ledger SET outcome = \(replacement.outcome.rawValue), parser_version = \(parserVersion) WHERE id = \(ledgerID)
            """, action)
    }

    public func pruneRaw(receivedBefore date: Date, company: CompanySelection,
                         now: Date) throws(StoreError) -> (messages: Int, bytes: Int) {
        let action = "pruning raw messages"
        return try writing(action) {
            var builder = StatementBuilder("")
            var condition = "received_at < \(builder.bind(date)) AND raw IS NOT NULL"
            if let scoped = company.pgCondition("company_id", &builder) { condition += " AND " + scoped }
            builder.sql = "SELECT count(*), coalesce(sum(size), 0)::bigint FROM ledger WHERE \(condition)"
            let row = try query(builder.query, action).first
            var c = row.map { ColumnReader($0, action) }
            let messages: Int = try c?.next() ?? 0, bytes: Int = try c?.next() ?? 0
            builder.sql = "UPDATE ledger SET raw = NULL, pruned_at = \(builder.bind(now)) WHERE \(condition)"
            try execute(builder.query, action)
            return (messages, bytes)
        }
    }

    public func claimLease(_ name: String, holder: String, duration: TimeInterval) throws(StoreError) -> Bool {
        let action = "claiming \(name)"
        return try writing(action) {
            // The database's clock decides, so workers on hosts whose clocks differ agree.
            let rows = try query("""
                INSERT INTO leases (name, holder, expires_at)
                VALUES (\(name), \(holder), clock_timestamp() + make_interval(secs => \(duration)))
                ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
                WHERE leases.holder = excluded.holder OR leases.expires_at < clock_timestamp()
                RETURNING holder
                """, action)
            return !rows.isEmpty
        }
    }

    public func releaseLease(_ name: String, holder: String) throws(StoreError) {
        let action = "releasing \(name)"
        try writing(action) { try execute("DELETE FROM leases WHERE name = \(name) AND holder = \(holder)", action) }
    }
}

extension PostgresStore {
    public func takeOverLease(_ name: String, from previous: String, holder: String,
                              duration: TimeInterval) throws(StoreError) -> Bool {
        let action = "taking over \(name)"
        return try writing(action) {
            try execute("""
                UPDATE leases SET holder = \(holder), expires_at = clock_timestamp() + make_interval(secs => \(duration))
                WHERE name = \(name) AND holder = \(previous)
                """, action) > 0
        }
    }

    public func leaseHolder(_ name: String) throws(StoreError) -> String? {
        let action = "reading the lease of \(name)"
        return try reading(action) {
            try scalar("SELECT holder FROM leases WHERE name = \(name) AND expires_at >= clock_timestamp()", action,
                       as: String.self)
        }
    }
}

extension Array {
    /// The array in consecutive slices of at most `size` elements.
    func chunked(_ size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
