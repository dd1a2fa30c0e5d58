import Foundation
import GRDB

/// What a storing run does on the writer connection. Each method is one transaction, begun
/// IMMEDIATE so that the duplicate check and the insert see the latest committed state even when
/// another process writes the same database.
public struct WriteSession {
    let db: Database

    /// What happened to a message handed to `store`.
    public enum Result: Sendable, Equatable {
        /// Its ledger row and events were committed.
        case stored(ledgerID: Int64)
        /// A message with the same SHA-256 was stored before, as this ledger row; nothing was written.
        case duplicate(ledgerID: Int64)
    }

    /// Stores a message's ledger row and its events in one transaction, unless a message with the
    /// same SHA-256 is already in the ledger.
    public func store(_ entry: LedgerEntry, events: [Event]) throws -> Result {
        var result = Result.duplicate(ledgerID: 0)
        try db.inTransaction(.immediate) {
            if let existing = try Int64.fetchOne(db, LedgerEntry.select(LedgerEntry.Columns.id)
                .filter(LedgerEntry.Columns.sha256 == entry.sha256)) {
                result = .duplicate(ledgerID: existing)
                return .commit
            }
            var entry = entry
            try entry.insert(db)
            guard let ledgerID = entry.id else { return .rollback }
            for var event in events {
                event.ledgerID = ledgerID
                try event.insert(db)
            }
            result = .stored(ledgerID: ledgerID)
            return .commit
        }
        return result
    }

    /// Replaces a stored message's events with a new classification, in one transaction.
    public func replaceEvents(ofMessage ledgerID: Int64, with events: [Event], outcome: LedgerEntry.Outcome,
                              parserVersion: String) throws {
        try db.inTransaction(.immediate) {
            try Event.all().fromMessage(ledgerID).deleteAll(db)
            for var event in events {
                event.ledgerID = ledgerID
                try event.insert(db)
            }
            try LedgerEntry.filter(id: ledgerID).updateAll(db, [
                LedgerEntry.Columns.outcome.set(to: outcome.rawValue),
                LedgerEntry.Columns.parserVersion.set(to: parserVersion),
            ])
            return .commit
        }
    }

    /// Drops the raw bytes of messages taken in before `date`, keeping their ledger rows and events.
    /// Returns how many messages and bytes were pruned.
    public func pruneRaw(receivedBefore date: Date, now: Date) throws -> (messages: Int, bytes: Int) {
        var pruned = (messages: 0, bytes: 0)
        try db.inTransaction(.immediate) {
            let request = LedgerEntry.all().received(before: date).withRaw()
            let row = try Row.fetchOne(db, request.select(count(LedgerEntry.Columns.id), sum(LedgerEntry.Columns.size)))
            let messages: Int? = row?[0]
            let bytes: Int? = row?[1]
            pruned = (messages ?? 0, bytes ?? 0)
            try request.updateAll(db, [LedgerEntry.Columns.raw.set(to: nil), LedgerEntry.Columns.prunedAt.set(to: now)])
            return .commit
        }
        return pruned
    }

    /// Makes every commit so far durable against power loss (checkpointing syncs the WAL to disk).
    /// A kill of the process never loses a commit; this is for the machine losing power.
    public func makeDurable() throws {
        try db.checkpoint(.passive)
    }
}
