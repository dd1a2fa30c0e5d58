import EventStore

/// `--user` and `--outgoing` that name no sender or no sent message are errors, not an empty list:
/// a typo must not read as "nothing failed".
enum SenderChecks {
    /// Fails unless `user` (any case) sent something recorded here (in the selected company);
    /// names the users who did.
    static func requireSender(_ user: String, company: CompanySelection = .any, in database: EventStore) throws {
        guard try !database.userHasSentMail(user, company: company) else { return }
        let users = try database.sendingUsers(company: company)
        let scope = company == .any ? "" : " in this company"
        throw CommandFailure("no mail was sent by user \(user)\(scope) from '\(database.location)'; "
            + (users.isEmpty ? "nothing has been sent\(scope) from this database" : "users who sent: " + users.joined(separator: ", ")))
    }

    /// Fails unless outgoing message `id` exists.
    static func requireOutgoing(_ id: Int64, in database: EventStore) throws {
        guard try !database.outgoingMessageExists(id: id) else { return }
        throw CommandFailure("no outgoing message \(id) in '\(database.location)'; `events sent` lists the messages there are")
    }
}
