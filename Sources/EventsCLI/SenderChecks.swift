import EventStore

/// `--user` and `--outgoing` that name no sender or no sent message are errors, not an empty list:
/// a typo must not read as "nothing failed".
enum SenderChecks {
    /// Fails unless `user` (any case) sent something recorded here; names the users who did.
    static func requireSender(_ user: String, in database: EventStore) throws {
        guard try !database.userHasSentMail(user) else { return }
        let users = try database.sendingUsers()
        throw CommandFailure("no mail was sent by user \(user) from '\(database.path)'; "
            + (users.isEmpty ? "nothing has been sent from this database" : "users who sent: " + users.joined(separator: ", ")))
    }

    /// Fails unless outgoing message `id` exists.
    static func requireOutgoing(_ id: Int64, in database: EventStore) throws {
        guard try !database.outgoingMessageExists(id: id) else { return }
        throw CommandFailure("no outgoing message \(id) in '\(database.path)'; `events sent` lists the messages there are")
    }
}
