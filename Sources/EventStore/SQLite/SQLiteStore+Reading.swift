import Foundation
import GRDB

extension SQLiteStore {
    /// Calls `body` with each event that `filter` selects, newest first, at most `limit` of them
    /// (nil: all). Rows are streamed, not collected.
    public func forEachEvent(matching filter: EventFilter, limit: Int?, _ body: (Event) throws -> Void) throws(StoreError) {
        try reading("listing events") { db in
            var request = filter.request
            if let limit { request = request.limit(limit) }
            let cursor = try request.fetchCursor(db)
            while let event = try cursor.next() { try body(event) }
        }
    }

    /// `forEachEvent`, with each event's company name (nil when unattributed), looked up in the
    /// same read once per company.
    public func forEachEventWithCompany(matching filter: EventFilter, limit: Int?,
                                        _ body: (Event, String?) throws -> Void) throws(StoreError) {
        try reading("listing events") { db in
            var request = filter.request
            if let limit { request = request.limit(limit) }
            let cursor = try request.fetchCursor(db)
            var names: [Int64: String?] = [:]
            while let event = try cursor.next() {
                var name: String?
                if let id = event.companyID {
                    if let known = names[id] {
                        name = known
                    } else {
                        name = try String.fetchOne(db.cachedStatement(sql: "SELECT name FROM companies WHERE id = ?"),
                                                   arguments: [id])
                        names[id] = name
                    }
                }
                try body(event, name)
            }
        }
    }

    /// Whether an outgoing message with this ID was ever recorded: `--outgoing 99` that names none
    /// is a typo to report, not an empty list.
    public func outgoingMessageExists(id: Int64) throws(StoreError) -> Bool {
        try reading("looking up outgoing message \(id)") { db in try OutgoingRecord.filter(id: id).fetchCount(db) > 0 }
    }

    /// Whether this ERP user (any case) ever sent mail from here, so that `--user` with a wrong code
    /// is told apart from a user whose mail all arrived.
    public func userHasSentMail(_ userCode: String, company: CompanySelection) throws(StoreError) -> Bool {
        try reading("looking up the mail user \(userCode) sent") { db in
            try OutgoingRecord.all().of(company).filter(OutgoingRecord.Columns.userCode == userCode).fetchCount(db) > 0
        }
    }

    /// One event with the message it came from (without its raw bytes) and the IDs of the other
    /// events from that message.
    public func eventDetail(id: Int64) throws(StoreError) -> EventDetail {
        let detail: EventDetail? = try reading("reading an event") { db in
            guard let event = try Event.fetchOne(db, id: id) else { return nil }
            let outgoing = try event.outgoingID.flatMap { try OutgoingRecord.fetchOne(db, id: $0) }
            let recipients = try event.outgoingID.map { try OutgoingRecipient.all().of($0).fetchAll(db) } ?? []
            let company = try event.companyID.flatMap { try Company.fetchOne(db, id: $0) }
            let companiesExist = try company != nil || Company.fetchCount(db) > 0
            guard let ledgerID = event.ledgerID else {
                return EventDetail(event: event, message: nil, rawKept: false, otherEvents: [],
                                   outgoing: outgoing, outgoingRecipients: recipients, company: company,
                                   companiesExist: companiesExist)
            }
            let message = try LedgerEntry.select(LedgerEntry.metadataColumns).filter(id: ledgerID).fetchOne(db)
            let siblings = try Int64.fetchAll(db, Event.select(Event.Columns.id).fromMessage(ledgerID)
                .filter(Event.Columns.id != id).order(Event.Columns.id))
            let rawKept = try LedgerEntry.filter(id: ledgerID).withRaw().fetchCount(db) > 0
            return EventDetail(event: event, message: message, rawKept: rawKept, otherEvents: siblings,
                               outgoing: outgoing, outgoingRecipients: recipients, company: company,
                               companiesExist: companiesExist)
        }
        guard let detail else { throw StoreError.noSuchEvent(id, path: path) }
        return detail
    }

    /// A stored message's raw bytes, or nil when pruned or absent.
    public func rawMessage(ledgerID: Int64) throws(StoreError) -> Data? {
        try reading("reading a stored message") { db in
            try Data.fetchOne(db, LedgerEntry.select(LedgerEntry.Columns.raw).filter(id: ledgerID))
        }
    }

    /// Stored messages that still have their raw bytes, received at or after `since` (nil: all), in
    /// ledger order, `batchSize` at a time, so that memory stays flat however many there are.
    public func forEachStoredMessageBatch(since: Date?, company: CompanySelection, batchSize: Int,
                                          _ body: ([LedgerEntry]) throws -> Void) throws(StoreError) {
        var lastID: Int64 = 0
        while true {
            let batch = try reading("reading stored messages") { db in
                var request = LedgerEntry.all().withRaw().of(company).filter(LedgerEntry.Columns.id > lastID)
                if let since { request = request.received(since: since) }
                return try request.order(LedgerEntry.Columns.id).limit(batchSize).fetchAll(db)
            }
            guard let last = batch.last?.id else { return }
            lastID = last
            do { try body(batch) } catch {
                throw StoreError.wrapping(error, action: "re-classifying stored messages", path: path, busyTimeout: busyTimeout)
            }
        }
    }

    /// How many stored messages were received at or after `since` (nil: all), and how many of
    /// those no longer have their raw bytes.
    public func messageCounts(since: Date?, company: CompanySelection) throws(StoreError) -> (messages: Int, pruned: Int) {
        try reading("counting stored messages") { db in
            var request = LedgerEntry.all().of(company)
            if let since { request = request.received(since: since) }
            return (try request.fetchCount(db), try request.filter(LedgerEntry.Columns.raw == nil).fetchCount(db))
        }
    }
}

extension SQLiteStore {
    /// Where an incremental source stopped, if it ever stored anything.
    public func cursor(for source: String) throws(StoreError) -> Cursor? {
        try reading("reading the cursor of \(source)") { db in try Cursor.fetchOne(db, key: source) }
    }
}
