import Foundation
import GRDB
#if canImport(GRDBSQLite)
import GRDBSQLite
#else
import SQLite3
#endif

/// What a storing run does on the writer connection. Each method is one transaction, begun
/// IMMEDIATE so that the duplicate check and the insert see the latest committed state even when
/// another process writes the same database, and durable when it returns (`synchronous = FULL`);
/// only a storing run's own transaction (`beginStoring` … `commitStoring`) spans several calls.
struct WriteSession {
    let db: Database

    /// Stores messages in one transaction: each message's ledger row together with its events,
    /// except for a message whose SHA-256 is already in the ledger (stored before, or earlier in
    /// the same batch), which is skipped. When the call returns, the transaction is committed and,
    /// with `synchronous = FULL`, on disk; if it throws, nothing of the batch was stored.
    /// `cursor`, when given, is saved in the same transaction: an incremental source's position
    /// moves exactly when the messages up to it are stored. A storing transaction of one batch
    /// (`beginStoring`, `storeInOpenTransaction`, `commitStoring`).
    func store(_ messages: [StoredMessage], advancing cursor: Cursor?) throws -> [StoreResult] {
        try beginStoring()
        do {
            let results = try storeInOpenTransaction(messages, advancing: cursor)
            try commitStoring()
            return results
        } catch {
            rollBackStoring()
            throw error
        }
    }

    /// Begins a storing transaction, which stays open across batches until `commitStoring` or
    /// `rollBackStoring` (`SQLiteStoringTransaction`, or `store` for one batch). Its commit
    /// checkpoints nothing: `SQLiteStore` runs a checkpoint after it, off the storing thread.
    /// Other writes keep SQLite's automatic checkpoint.
    func beginStoring() throws {
        sqlite3_wal_autocheckpoint(db.sqliteConnection, 0)
        do {
            try db.beginTransaction(.immediate)
        } catch {
            sqlite3_wal_autocheckpoint(db.sqliteConnection, SQLiteStore.automaticCheckpointPages)
            throw error
        }
    }

    /// Commits the storing transaction: durable when it returns (`synchronous = FULL`). A commit
    /// that fails is rolled back.
    func commitStoring() throws {
        defer { sqlite3_wal_autocheckpoint(db.sqliteConnection, SQLiteStore.automaticCheckpointPages) }
        do {
            try db.commit()
        } catch {
            if db.isInsideTransaction { try? db.rollback() }
            throw error
        }
    }

    /// Ends the storing transaction without keeping anything of it.
    func rollBackStoring() {
        if db.isInsideTransaction { try? db.rollback() }
        sqlite3_wal_autocheckpoint(db.sqliteConnection, SQLiteStore.automaticCheckpointPages)
    }

    /// Stores a batch in the open storing transaction: each message's ledger row with its events,
    /// except for a message whose SHA-256 is already in the ledger (stored before, or earlier in
    /// the same transaction), and the cursor.
    func storeInOpenTransaction(_ messages: [StoredMessage], advancing cursor: Cursor?) throws -> [StoreResult] {
        var results: [StoreResult] = []
        results.reserveCapacity(messages.count)
        let statements = try StoringStatements(db)
        for (entry, events) in messages {
            guard let ledgerID = try entry.fastInsert(db, statements) else {
                statements.existing.bind(entry.sha256)
                guard let id = try statements.existing.fetchInt64() else {
                    throw DatabaseError(resultCode: .SQLITE_CORRUPT, message: "a message's SHA-256 is said to be "
                                        + "stored, but no ledger row has it", sql: statements.existing.sql)
                }
                results.append(.duplicate(ledgerID: id))
                continue
            }
            for var event in events {
                event.ledgerID = ledgerID
                event.companyID = entry.companyID
                try event.fastInsert(statements)
            }
            results.append(.stored(ledgerID: ledgerID))
        }
        try cursor?.save(db)
        return results
    }

    /// Saves where an incremental source stands, in its own transaction.
    func save(_ cursor: Cursor) throws {
        try cursor.save(db)
    }

    /// Replaces stored messages' events with a new classification, all in one transaction. The
    /// events take their message's company.
    func replaceEvents(_ replacements: [EventReplacement], parserVersion: String) throws {
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
    private func replace(_ replacement: EventReplacement, parserVersion: String) throws {
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
    func pruneRaw(receivedBefore date: Date, company: CompanySelection, now: Date) throws -> (messages: Int, bytes: Int) {
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
