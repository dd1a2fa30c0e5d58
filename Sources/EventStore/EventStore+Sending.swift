import Foundation
import GRDB

/// The companion sender's side of the database: settings, SMTP profiles, outgoing messages and the
/// lookups that match incoming reports to them.
extension EventStore {
    // MARK: Settings

    public func setting(_ name: Setting.Name) throws(StoreError) -> String? {
        try reading("reading a setting") { db in try Setting.fetchOne(db, key: name.rawValue)?.value }
    }

    public func settings() throws(StoreError) -> [Setting] {
        try reading("reading the settings") { db in try Setting.order(Column("name")).fetchAll(db) }
    }

    /// Sets a setting, or removes it when `value` is nil.
    public func setSetting(_ name: Setting.Name, to value: String?, now: Date = Date()) throws(StoreError) {
        try writing("saving a setting") { session in
            try session.db.inTransaction(.immediate) {
                if let value {
                    try Setting(name: name.rawValue, value: value, updatedAt: now).save(session.db)
                } else {
                    _ = try Setting.deleteOne(session.db, key: name.rawValue)
                }
                return .commit
            }
        }
    }

    // MARK: SMTP profiles

    public func profile(user: String) throws(StoreError) -> SMTPProfileRecord? {
        try reading("reading an SMTP profile") { db in try SMTPProfileRecord.fetchOne(db, key: user) }
    }

    public func profiles() throws(StoreError) -> [SMTPProfileRecord] {
        try reading("reading the SMTP profiles") { db in
            try SMTPProfileRecord.order(SMTPProfileRecord.Columns.userCode).fetchAll(db)
        }
    }

    public func saveProfile(_ profile: SMTPProfileRecord) throws(StoreError) {
        try writing("saving an SMTP profile") { session in
            try session.db.inTransaction(.immediate) {
                try profile.save(session.db)
                return .commit
            }
        }
    }

    /// Removes a user's profile; false when there was none.
    public func removeProfile(user: String) throws(StoreError) -> Bool {
        try writing("removing an SMTP profile") { session in
            var removed = false
            try session.db.inTransaction(.immediate) {
                removed = try SMTPProfileRecord.deleteOne(session.db, key: user)
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
            guard let row = try Row.fetchOne(db, sql: "SELECT tag FROM outgoing WHERE id = ?", arguments: [id]) else { return nil }
            let tag: String? = row["tag"]
            let recipients = try String.fetchAll(db, OutgoingRecipient.all().of(id).select(OutgoingRecipient.Columns.address))
            return SentMessage(tag: tag, recipients: recipients)
        }
    }

    /// The recipients of an outgoing message.
    public func outgoingRecipients(of id: Int64) throws(StoreError) -> [OutgoingRecipient] {
        try reading("reading an outgoing message's recipients") { db in try OutgoingRecipient.all().of(id).fetchAll(db) }
    }
}
