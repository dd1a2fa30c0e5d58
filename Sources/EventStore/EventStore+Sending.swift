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

    /// Records a message before it is submitted: inserts the row and its recipients, then lets
    /// `identify` set what depends on the new row's id (the tag, Message-ID, envelope sender), all in
    /// one transaction.
    public func recordOutgoing(_ record: OutgoingRecord, recipients: [String],
                               identify: (inout OutgoingRecord) throws -> Void) throws(StoreError) -> OutgoingRecord {
        try writing("recording an outgoing message") { session in
            var record = record
            try session.db.inTransaction(.immediate) {
                try record.insert(session.db)
                guard let id = record.id else { return .rollback }
                try identify(&record)
                try record.update(session.db)
                var seen = Set<String>()
                for address in recipients where seen.insert(address.lowercased()).inserted {
                    try OutgoingRecipient(outgoingID: id, address: address).insert(session.db)
                }
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

    /// The addresses an outgoing message was sent to, or nil when no such message was recorded;
    /// one read, for matching reports to messages.
    public func sentRecipients(of id: Int64) throws(StoreError) -> [String]? {
        try reading("reading an outgoing message's recipients") { db in
            guard try OutgoingRecord.exists(db, id: id) else { return nil }
            return try String.fetchAll(db, OutgoingRecipient.all().of(id).select(OutgoingRecipient.Columns.address))
        }
    }

    /// The recipients of an outgoing message.
    public func outgoingRecipients(of id: Int64) throws(StoreError) -> [OutgoingRecipient] {
        try reading("reading an outgoing message's recipients") { db in try OutgoingRecipient.all().of(id).fetchAll(db) }
    }
}
