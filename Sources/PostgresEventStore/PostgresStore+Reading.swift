import EventStore
import Foundation
import PostgresNIO

/// Listing and showing events and stored messages.
extension PostgresStore {
    /// Rows per page when events are streamed.
    static let eventPage = 500

    /// Streams the events page by page, newest first, each page resuming after the last row of
    /// the one before (by occurred_at and id, the listing's order), so memory stays flat and the
    /// connection is free between pages.
    public func forEachEvent(matching filter: EventFilter, limit: Int?, _ body: (Event) throws -> Void) throws(StoreError) {
        let action = "listing events"
        var after: (Date, Int64)?
        var remaining = limit ?? Int.max
        while remaining > 0 {
            let page = min(remaining, Self.eventPage)
            let events = try reading(action) {
                try query(filter.pgQuery(after: after, limit: page), action).map(Event.init(pg:))
            }
            for event in events {
                do { try body(event) } catch {
                    throw StoreError.failed(location, action: action, reason: "\(error)")
                }
            }
            remaining -= events.count
            guard events.count == page, let last = events.last, let id = last.id else { return }
            after = (last.occurredAt, id)
        }
    }

    public func forEachEventWithCompany(matching filter: EventFilter, limit: Int?,
                                        _ body: (Event, String?) throws -> Void) throws(StoreError) {
        var names: [Int64: String?] = [:]
        try forEachEvent(matching: filter, limit: limit) { event in
            var name: String?
            if let id = event.companyID {
                if let known = names[id] {
                    name = known
                } else {
                    name = try company(id: id)?.name
                    names[id] = name
                }
            }
            try body(event, name)
        }
    }

    public func eventDetail(id: Int64) throws(StoreError) -> EventDetail {
        let action = "reading an event"
        let detail: EventDetail? = try session.transaction(action, isolation: "REPEATABLE READ READ ONLY") {
            guard let event = try query("SELECT \(unescaped: Event.pgColumns) FROM events WHERE id = \(id)", action)
                .first.map(Event.init(pg:)) else { return nil }
            let outgoing = try event.outgoingID.flatMap { try self.outgoingRecord(id: $0, action) }
            let recipients = try event.outgoingID.map { try self.recipients(of: $0, action) } ?? []
            let company = try event.companyID.flatMap {
                try query("SELECT id, name, created_at FROM companies WHERE id = \($0)", action).first.map(Company.init(pg:))
            }
            let companiesExist = try company != nil || count("SELECT count(*) FROM companies", action) > 0
            guard let ledgerID = event.ledgerID else {
                return EventDetail(event: event, message: nil, rawKept: false, otherEvents: [], outgoing: outgoing,
                                   outgoingRecipients: recipients, company: company, companiesExist: companiesExist)
            }
            let message = try query("""
                SELECT \(unescaped: LedgerEntry.pgMetadataColumns), raw IS NOT NULL FROM ledger WHERE id = \(ledgerID)
                """, action).first
            let entry = try message.map { try LedgerEntry(pg: $0, withRaw: false) }
            let rawKept = try message.map { try $0.makeRandomAccess()[12].decode(Bool.self) } ?? false
            let siblings = try query("""
                SELECT id FROM events WHERE ledger_id = \(ledgerID) AND id <> \(id) ORDER BY id
                """, action).map { try $0.first(Int64.self) }
            return EventDetail(event: event, message: entry, rawKept: rawKept, otherEvents: siblings, outgoing: outgoing,
                               outgoingRecipients: recipients, company: company, companiesExist: companiesExist)
        }
        guard let detail else { throw StoreError.noSuchEvent(id, path: location) }
        return detail
    }

    public func rawMessage(ledgerID: Int64) throws(StoreError) -> Data? {
        let action = "reading a stored message"
        return try reading(action) {
            try query("SELECT raw FROM ledger WHERE id = \(ledgerID)", action).first?.first(Data?.self) ?? nil
        }
    }

    public func forEachStoredMessageBatch(since: Date?, company: CompanySelection, batchSize: Int,
                                          _ body: ([LedgerEntry]) throws -> Void) throws(StoreError) {
        let action = "reading stored messages"
        var lastID: Int64 = 0
        while true {
            let batch = try reading(action) {
                var builder = StatementBuilder("")
                var conditions = ["raw IS NOT NULL", "id > \(builder.bind(lastID))"]
                if let since { conditions.append("received_at >= \(builder.bind(since))") }
                if let scoped = company.pgCondition("company_id", &builder) { conditions.append(scoped) }
                builder.sql = "SELECT \(LedgerEntry.pgMetadataColumns), raw FROM ledger WHERE "
                    + conditions.joined(separator: " AND ") + " ORDER BY id LIMIT \(builder.bind(Int64(batchSize)))"
                return try query(builder.query, action).map { try LedgerEntry(pg: $0, withRaw: true) }
            }
            guard let last = batch.last?.id else { return }
            lastID = last
            do { try body(batch) } catch {
                if let error = error as? StoreError { throw error }
                throw StoreError.failed(location, action: "re-classifying stored messages", reason: "\(error)")
            }
        }
    }

    public func messageCounts(since: Date?, company: CompanySelection) throws(StoreError) -> (messages: Int, pruned: Int) {
        let action = "counting stored messages"
        return try reading(action) {
            var builder = StatementBuilder("")
            var conditions = ["true"]
            if let since { conditions.append("received_at >= \(builder.bind(since))") }
            if let scoped = company.pgCondition("company_id", &builder) { conditions.append(scoped) }
            builder.sql = "SELECT count(*), count(*) FILTER (WHERE raw IS NULL) FROM ledger WHERE "
                + conditions.joined(separator: " AND ")
            guard let row = try query(builder.query, action).first else { return (0, 0) }
            var c = ColumnReader(row, action)
            return (try c.next(Int.self), try c.next(Int.self))
        }
    }
}
