import Foundation
import GRDB

/// What a storing run does on the writer connection. Each method is one transaction, begun
/// IMMEDIATE so that the duplicate check and the insert see the latest committed state even when
/// another process writes the same database, and durable when it returns (`synchronous = FULL`).
public struct WriteSession {
    let db: Database

    /// What happened to a message handed to `store`.
    public enum Result: Sendable, Equatable {
        /// Its ledger row and events were committed.
        case stored(ledgerID: Int64)
        /// A message with the same SHA-256 was stored before, as this ledger row; nothing was written.
        case duplicate(ledgerID: Int64)
    }

    /// A message to store: its ledger row and its events.
    public typealias Message = (entry: LedgerEntry, events: [Event])

    /// Stores messages in one transaction: each message's ledger row together with its events,
    /// except for a message whose SHA-256 is already in the ledger (stored before, or earlier in
    /// the same batch), which is skipped. When the call returns, the transaction is committed and,
    /// with `synchronous = FULL`, on disk; if it throws, nothing of the batch was stored.
    /// `cursor`, when given, is saved in the same transaction: an incremental source's position
    /// moves exactly when the messages up to it are stored.
    public func store(_ messages: [Message], advancing cursor: Cursor? = nil) throws -> [Result] {
        var results: [Result] = []
        results.reserveCapacity(messages.count)
        try db.inTransaction(.immediate) {
            let existing = try db.cachedStatement(sql: "SELECT id FROM ledger WHERE sha256 = ?")
            for (entry, events) in messages {
                if let id = try Int64.fetchOne(existing, arguments: [entry.sha256]) {
                    results.append(.duplicate(ledgerID: id))
                    continue
                }
                let ledgerID = try entry.fastInsert(db)
                for var event in events {
                    event.ledgerID = ledgerID
                    event.companyID = entry.companyID
                    try event.fastInsert(db)
                }
                results.append(.stored(ledgerID: ledgerID))
            }
            try cursor?.save(db)
            return .commit
        }
        return results
    }

    /// Saves where an incremental source stands, in its own transaction.
    public func save(_ cursor: Cursor) throws {
        try cursor.save(db)
    }

    /// Stores one message; see `store(_:)` for batches.
    public func store(_ entry: LedgerEntry, events: [Event]) throws -> Result {
        try store([(entry, events)])[0]
    }

    /// A stored message's new classification, for `replaceEvents`.
    public struct Replacement: Sendable {
        public var ledgerID: Int64
        public var events: [Event]
        public var outcome: LedgerEntry.Outcome
        /// The company its headers now name, with the address that names it; nil keeps the stored
        /// company (a message attributed when it was stored, or by migration, stays attributed).
        public var company: (id: Int64, deliveredTo: String?)?

        public init(ledgerID: Int64, events: [Event], outcome: LedgerEntry.Outcome,
                    company: (id: Int64, deliveredTo: String?)? = nil) {
            self.ledgerID = ledgerID
            self.events = events
            self.outcome = outcome
            self.company = company
        }
    }

    /// Replaces stored messages' events with a new classification, all in one transaction. The
    /// events take their message's company.
    public func replaceEvents(_ replacements: [Replacement], parserVersion: String) throws {
        try db.inTransaction(.immediate) {
            for replacement in replacements {
                try replace(replacement, parserVersion: parserVersion)
            }
            return .commit
        }
    }

    /// Updates the message's events in place, in ID order, so that their IDs survive a reparse when
    /// the number of findings does not change; extra new ones are inserted, extra old ones deleted.
    /// A new event without a match (no matcher was configured) keeps the old event's match.
    private func replace(_ replacement: Replacement, parserVersion: String) throws {
        let ledgerID = replacement.ledgerID, events = replacement.events, outcome = replacement.outcome
        if let company = replacement.company {
            try LedgerEntry.filter(id: ledgerID).updateAll(db, [
                LedgerEntry.Columns.companyID.set(to: company.id),
                LedgerEntry.Columns.deliveredTo.set(to: company.deliveredTo),
            ])
        }
        let companyID = try Int64.fetchOne(db, LedgerEntry.select(LedgerEntry.Columns.companyID).filter(id: ledgerID))
        let old = try Event.all().fromMessage(ledgerID).order(Event.Columns.id).fetchAll(db)
        for (index, var event) in events.enumerated() {
            event.ledgerID = ledgerID
            event.companyID = companyID
            if index < old.count {
                event.id = old[index].id
                if event.outgoingID == nil && event.verified == nil {
                    event.outgoingID = old[index].outgoingID
                    event.matchMethod = old[index].matchMethod
                    event.verified = old[index].verified
                }
                try event.update(db)
            } else {
                try event.insert(db)
            }
        }
        for event in old.dropFirst(events.count) { _ = try event.delete(db) }
        try LedgerEntry.filter(id: ledgerID).updateAll(db, [
            LedgerEntry.Columns.outcome.set(to: outcome.rawValue),
            LedgerEntry.Columns.parserVersion.set(to: parserVersion),
        ])
    }

    /// Drops the raw bytes of messages taken in before `date`, keeping their ledger rows and events.
    /// Returns how many messages and bytes were pruned.
    public func pruneRaw(receivedBefore date: Date, company: CompanySelection = .any,
                         now: Date) throws -> (messages: Int, bytes: Int) {
        var pruned = (messages: 0, bytes: 0)
        try db.inTransaction(.immediate) {
            let request = LedgerEntry.all().of(company).received(before: date).withRaw()
            let row = try Row.fetchOne(db, request.select(count(LedgerEntry.Columns.id), sum(LedgerEntry.Columns.size)))
            let messages: Int? = row?[0]
            let bytes: Int? = row?[1]
            pruned = (messages ?? 0, bytes ?? 0)
            try request.updateAll(db, [LedgerEntry.Columns.raw.set(to: nil), LedgerEntry.Columns.prunedAt.set(to: now)])
            return .commit
        }
        return pruned
    }
}
