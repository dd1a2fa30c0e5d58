import GRDB

// Inserts for the storing run's hot path: one cached statement per table with positional
// arguments, which is several times cheaper than encoding each record through Codable.
// EventStoreTests.fastInsertsWriteWhatRecordInsertsWrite checks that they write what `insert(_:)` would.

extension LedgerEntry {
    static let insertSQL = """
        INSERT INTO ledger (source_kind, source_ref, message_id, sha256, size, received_at, parser_version, outcome, \
        pruned_at, company_id, delivered_to, raw) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    var insertArguments: StatementArguments {
        [sourceKind.rawValue, sourceRef, messageID, sha256, size, StorageDate.text(receivedAt), parserVersion,
         outcome.rawValue, prunedAt.map(StorageDate.text), companyID, deliveredTo, raw]
    }

    /// Inserts the row through a cached statement and returns its id.
    func fastInsert(_ db: Database) throws -> Int64 {
        try db.cachedStatement(sql: Self.insertSQL).execute(arguments: insertArguments)
        return db.lastInsertedRowID
    }
}

extension Event {
    static let insertSQL = """
        INSERT INTO events (ledger_id, kind, recipient, reason, hard, sender_side, status, reply_code, action, \
        diagnostic, remote_mta, reporting_mta, envelope_id, feedback_type, detector, cause, remedy, original_message_id, \
        original_subject, original_from, original_date, occurred_at, outgoing_id, match_method, verified, rule, \
        company_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    var insertArguments: StatementArguments {
        let values: [(any DatabaseValueConvertible)?] = [
            ledgerID, kind, recipient, reason, hard, senderSide, status, replyCode, action, diagnostic, remoteMTA,
            reportingMTA, envelopeID, feedbackType, detector, cause, remedy, originalMessageID, originalSubject, originalFrom,
            originalDate, StorageDate.text(occurredAt), outgoingID, matchMethod, verified, rule, companyID,
        ]
        return StatementArguments(values)
    }

    /// Inserts the row through a cached statement.
    func fastInsert(_ db: Database) throws {
        try db.cachedStatement(sql: Self.insertSQL).execute(arguments: insertArguments)
    }
}
