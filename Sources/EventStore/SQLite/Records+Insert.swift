import Foundation
import GRDB

// Inserts for the storing run's hot path: one statement per table, prepared once per transaction,
// with each value bound directly (`DirectStatement`), which is several times cheaper than encoding
// each record through Codable or GRDB's StatementArguments.
// EventStoreTests.fastInsertsWriteWhatRecordInsertsWrite checks that they write what `insert(_:)` would.

/// The statements a storing transaction runs for each message.
struct StoringStatements {
    /// Inserts a ledger row unless one with the same SHA-256 is there.
    let ledger: DirectStatement
    /// The id of the ledger row with a given SHA-256.
    let existing: DirectStatement
    let event: DirectStatement

    init(_ db: Database) throws {
        ledger = try DirectStatement(db, sql: LedgerEntry.insertSQL)
        existing = try DirectStatement(db, sql: "SELECT id FROM ledger WHERE sha256 = ?")
        event = try DirectStatement(db, sql: Event.insertSQL)
    }
}

extension LedgerEntry {
    /// Does nothing for a message whose SHA-256 is stored already (the column is UNIQUE).
    static let insertSQL = """
        INSERT INTO ledger (source_kind, source_ref, message_id, sha256, size, received_at, parser_version, outcome, \
        pruned_at, company_id, delivered_to, raw) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) \
        ON CONFLICT (sha256) DO NOTHING
        """

    /// Inserts the row and returns its id; nil when a row with the same SHA-256 is there already,
    /// which is left as it is.
    func fastInsert(_ db: Database, _ statements: StoringStatements) throws -> Int64? {
        let insert = statements.ledger
        insert.bind(sourceKind.rawValue)
        insert.bind(sourceRef)
        insert.bind(messageID)
        insert.bind(sha256)
        insert.bind(size)
        insert.bind(StorageDate.text(receivedAt))
        insert.bind(parserVersion)
        insert.bind(outcome.rawValue)
        insert.bind(prunedAt.map(StorageDate.text))
        insert.bind(companyID)
        insert.bind(deliveredTo)
        try insert.execute(lastBlob: raw)
        return db.changesCount == 0 ? nil : db.lastInsertedRowID
    }
}

extension Event {
    static let insertSQL = """
        INSERT INTO events (ledger_id, kind, recipient, reason, hard, sender_side, status, reply_code, action, \
        diagnostic, remote_mta, reporting_mta, envelope_id, feedback_type, detector, cause, remedy, original_message_id, \
        original_subject, original_from, original_date, occurred_at, outgoing_id, match_method, verified, rule, \
        company_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    /// Inserts the row.
    func fastInsert(_ statements: StoringStatements) throws {
        let insert = statements.event
        insert.bind(ledgerID)
        insert.bind(kind)
        insert.bind(recipient)
        insert.bind(reason)
        insert.bind(hard)
        insert.bind(senderSide)
        insert.bind(status)
        insert.bind(replyCode)
        insert.bind(action)
        insert.bind(diagnostic)
        insert.bind(remoteMTA)
        insert.bind(reportingMTA)
        insert.bind(envelopeID)
        insert.bind(feedbackType)
        insert.bind(detector)
        insert.bind(cause)
        insert.bind(remedy)
        insert.bind(originalMessageID)
        insert.bind(originalSubject)
        insert.bind(originalFrom)
        insert.bind(originalDate)
        insert.bind(StorageDate.text(occurredAt))
        insert.bind(outgoingID)
        insert.bind(matchMethod)
        insert.bind(verified)
        insert.bind(rule)
        insert.bind(companyID)
        try insert.execute()
    }
}
