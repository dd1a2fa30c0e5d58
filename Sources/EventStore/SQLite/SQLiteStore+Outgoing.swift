import Foundation
import GRDB

/// Reading sent mail back for `events sent` and `events show --outgoing`: the outgoing messages a
/// filter selects with their recipients and the events matched to each.
extension SQLiteStore {
    /// The messages `filter` selects, newest first, at most `limit` (nil: all), each with its
    /// recipients and matched events; one read, so a message and its events are consistent.
    public func outgoingHistories(matching filter: OutgoingFilter, limit: Int?) throws(StoreError) -> [OutgoingHistory] {
        try reading("listing sent messages") { db in
            var histories: [OutgoingHistory] = []
            let cursor = try filter.request.fetchCursor(db)
            while let record = try cursor.next() {
                if let limit, histories.count >= limit { break }
                guard filter.accepts(record) else { continue }
                histories.append(try Self.history(of: record, db))
            }
            return histories
        }
    }

    /// One message's history, or nil when no message with that id was recorded.
    public func outgoingHistory(id: Int64) throws(StoreError) -> OutgoingHistory? {
        try reading("reading a sent message") { db in
            try OutgoingRecord.fetchOne(db, id: id).map { try Self.history(of: $0, db) }
        }
    }

    /// The user codes that sent something, for a hint when a code matches none.
    public func sendingUsers(company: CompanySelection) throws(StoreError) -> [String] {
        try reading("reading sent messages") { db in
            try String.fetchAll(db, OutgoingRecord.all().of(company).select(OutgoingRecord.Columns.userCode)
                .distinct().order(OutgoingRecord.Columns.userCode))
        }
    }

    private static func history(of record: OutgoingRecord, _ db: Database) throws -> OutgoingHistory {
        let id = record.id ?? 0
        let recipients = try OutgoingRecipient.all().of(id).fetchAll(db)
        let events = try Event.all().forOutgoing(id)
            .order(Event.Columns.occurredAt, Event.Columns.id).fetchAll(db)
        return OutgoingHistory(record: record, recipients: recipients, matchedEvents: events)
    }
}
