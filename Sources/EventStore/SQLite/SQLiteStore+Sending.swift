import Foundation
import GRDB

/// The companion sender's side of the database: settings, SMTP profiles, outgoing messages and the
/// lookups that match incoming reports to them.
extension SQLiteStore {
    // MARK: Settings

    /// A setting's value. A per-company setting (`Setting.Name.isPerCompany`) is `company`'s, or the
    /// database's own when `company` is nil (no company configured); a global one ignores `company`.
    public func setting(_ name: Setting.Name, company: Int64?) throws(StoreError) -> String? {
        try reading("reading a setting") { db in
            if name.isPerCompany, let company {
                return try String.fetchOne(db, sql: "SELECT value FROM company_settings WHERE company_id = ? AND name = ?",
                                           arguments: [company, name.rawValue])
            }
            return try Setting.fetchOne(db, key: name.rawValue)?.value
        }
    }

    /// The rows of `settings`: the global settings, and in a database with no company its
    /// mail sending user (a company's own are read with `setting(_:company:)`).
    public func settings() throws(StoreError) -> [Setting] {
        try reading("reading the settings") { db in try Setting.order(Column("name")).fetchAll(db) }
    }

    /// Sets a setting (a per-company one for `company`), or removes it when `value` is nil.
    public func setSetting(_ name: Setting.Name, to value: String?, company: Int64?,
                           now: Date) throws(StoreError) {
        try writing("saving a setting") { session in
            try session.db.inTransaction(.immediate) {
                let db = session.db
                if name.isPerCompany, let company {
                    if let value {
                        try db.execute(sql: """
                            INSERT INTO company_settings (company_id, name, value, updated_at) VALUES (?, ?, ?, ?)
                            ON CONFLICT (company_id, name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
                            """, arguments: [company, name.rawValue, value, now])
                    } else {
                        try db.execute(sql: "DELETE FROM company_settings WHERE company_id = ? AND name = ?",
                                       arguments: [company, name.rawValue])
                    }
                } else if let value {
                    try Setting(name: name.rawValue, value: value, updatedAt: now).save(db)
                } else {
                    _ = try Setting.deleteOne(db, key: name.rawValue)
                }
                return .commit
            }
        }
    }

    // MARK: SMTP profiles

    /// A user's profile in `company` (nil: a database with no company), user codes compared without case.
    public func profile(user: String, company: Int64?) throws(StoreError) -> SMTPProfileRecord? {
        try reading("reading an SMTP profile") { db in
            try SMTPProfileRecord.all().inCompany(company).filter(SMTPProfileRecord.Columns.userCode == user).fetchOne(db)
        }
    }

    /// The profiles of `company` (nil: a database with no company), by user code.
    public func profiles(company: Int64?) throws(StoreError) -> [SMTPProfileRecord] {
        try reading("reading the SMTP profiles") { db in
            try SMTPProfileRecord.all().inCompany(company).order(SMTPProfileRecord.Columns.userCode).fetchAll(db)
        }
    }

    /// Saves a profile, replacing the one of the same company and user code.
    public func saveProfile(_ profile: SMTPProfileRecord) throws(StoreError) {
        try writing("saving an SMTP profile") { session in
            try session.db.inTransaction(.immediate) {
                try SMTPProfileRecord.all().inCompany(profile.companyID)
                    .filter(SMTPProfileRecord.Columns.userCode == profile.userCode).deleteAll(session.db)
                try profile.insert(session.db)
                return .commit
            }
        }
    }

    /// Removes a user's profile in `company`; false when there was none.
    public func removeProfile(user: String, company: Int64?) throws(StoreError) -> Bool {
        try writing("removing an SMTP profile") { session in
            var removed = false
            try session.db.inTransaction(.immediate) {
                removed = try SMTPProfileRecord.all().inCompany(company)
                    .filter(SMTPProfileRecord.Columns.userCode == user).deleteAll(session.db) > 0
                return .commit
            }
            return removed
        }
    }

    // MARK: Outgoing messages

    /// Records a message before it is submitted: inserts the row and its recipients (each address
    /// once, compared without case), then lets `identify` set what depends on the new row's id (the
    /// tags, Message-ID, envelope sender), all in one transaction. `identify` gets the recipients in
    /// the order that gives each its tag's recipient index, the order `sentMessage(id:)` reads back.
    public func recordOutgoing(_ record: OutgoingRecord, recipients: [String],
                               identify: (inout OutgoingRecord, [String]) throws -> Void) throws(StoreError) -> OutgoingRecord {
        try writing("recording an outgoing message") { session in
            var record = record
            try session.db.inTransaction(.immediate) {
                try record.insert(session.db)
                guard let id = record.id else { return .rollback }
                var seen = Set<String>()
                for address in recipients where seen.insert(address.lowercased()).inserted {
                    try OutgoingRecipient(outgoingID: id, address: address).insert(session.db)
                }
                let ordered = try String.fetchAll(session.db, OutgoingRecipient.all().of(id).select(OutgoingRecipient.Columns.address))
                try identify(&record, ordered)
                try record.update(session.db)
                return .commit
            }
            return record
        }
    }

    /// Records what the server answered: the message's final state and reply, each recipient's
    /// reply, and the submission errors as events, in one transaction.
    public func finishOutgoing(_ record: OutgoingRecord, recipients: [OutgoingRecipient],
                               events: [Event]) throws(StoreError) {
        try writing("recording a submission's result") { session in
            try session.db.inTransaction(.immediate) {
                try record.update(session.db)
                for recipient in recipients { try recipient.update(session.db) }
                for var event in events { try event.insert(session.db) }
                return .commit
            }
        }
    }

    public func outgoing(id: Int64) throws(StoreError) -> OutgoingRecord? {
        try reading("reading an outgoing message") { db in try OutgoingRecord.fetchOne(db, id: id) }
    }

    /// What matching needs of an outgoing message (its recorded tag and its recipients in recipient
    /// index order), or nil when no such message was recorded; one read.
    public func sentMessage(id: Int64) throws(StoreError) -> SentMessage? {
        try reading("reading an outgoing message's recipients") { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT tag, company_id FROM outgoing WHERE id = ?",
                                             arguments: [id]) else { return nil }
            let tag: String? = row["tag"]
            let recipients = try String.fetchAll(db, OutgoingRecipient.all().of(id).select(OutgoingRecipient.Columns.address))
            return SentMessage(tag: tag, recipients: recipients, companyID: row["company_id"])
        }
    }

    /// The recipients of an outgoing message.
    public func outgoingRecipients(of id: Int64) throws(StoreError) -> [OutgoingRecipient] {
        try reading("reading an outgoing message's recipients") { db in try OutgoingRecipient.all().of(id).fetchAll(db) }
    }
}
