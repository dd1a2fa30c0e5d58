import EventStore
import Foundation
import PostgresNIO

/// The companion sender's side: settings, SMTP profiles, outgoing messages.
extension PostgresStore {
    // MARK: Settings

    public func setting(_ name: Setting.Name, company: Int64?) throws(StoreError) -> String? {
        let action = "reading a setting"
        return try reading(action) {
            if name.isPerCompany, let company {
                return try scalar("""
                    SELECT value FROM company_settings WHERE company_id = \(company) AND name = \(name.rawValue)
                    """, action, as: String.self)
            }
            return try scalar("SELECT value FROM settings WHERE name = \(name.rawValue)", action, as: String.self)
        }
    }

    public func settings() throws(StoreError) -> [Setting] {
        let action = "reading the settings"
        return try reading(action) {
            try query("SELECT name, value, updated_at FROM settings ORDER BY name COLLATE \"C\"", action).map { row in
                var c = ColumnReader(row, action)
                return Setting(name: try c.next(), value: try c.next(), updatedAt: try c.date())
            }
        }
    }

    public func setSetting(_ name: Setting.Name, to value: String?, company: Int64?, now: Date) throws(StoreError) {
        let action = "saving a setting"
        try writing(action) {
            switch (name.isPerCompany ? company : nil, value) {
            case (let company?, let value?):
                try execute("""
                    INSERT INTO company_settings (company_id, name, value, updated_at)
                    VALUES (\(company), \(name.rawValue), \(value), \(Timestamp(now)))
                    ON CONFLICT (company_id, name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
                    """, action)
            case (let company?, nil):
                try execute("DELETE FROM company_settings WHERE company_id = \(company) AND name = \(name.rawValue)", action)
            case (nil, let value?):
                try execute("""
                    INSERT INTO settings (name, value, updated_at) VALUES (\(name.rawValue), \(value), \(Timestamp(now)))
                    ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
                    """, action)
            case (nil, nil):
                try execute("DELETE FROM settings WHERE name = \(name.rawValue)", action)
            }
        }
    }

    // MARK: SMTP profiles

    /// `company_id = $n`, or `company_id IS NULL` for a database with no company.
    private func profileScope(_ company: Int64?, _ builder: inout StatementBuilder) -> String {
        company.map { "company_id = \(builder.bind($0))" } ?? "company_id IS NULL"
    }

    public func profile(user: String, company: Int64?) throws(StoreError) -> SMTPProfileRecord? {
        let action = "reading an SMTP profile"
        return try reading(action) {
            var builder = StatementBuilder("")
            let scope = profileScope(company, &builder)
            builder.sql = "SELECT \(SMTPProfileRecord.pgColumns) FROM smtp_profiles WHERE \(scope) "
                + "AND lower(user_code) = lower(\(builder.bind(user)))"
            return try query(builder.query, action).first.map(SMTPProfileRecord.init(pg:))
        }
    }

    public func profiles(company: Int64?) throws(StoreError) -> [SMTPProfileRecord] {
        let action = "reading the SMTP profiles"
        return try reading(action) {
            var builder = StatementBuilder("")
            let scope = profileScope(company, &builder)
            builder.sql = "SELECT \(SMTPProfileRecord.pgColumns) FROM smtp_profiles WHERE \(scope) ORDER BY lower(user_code) COLLATE \"C\""
            return try query(builder.query, action).map(SMTPProfileRecord.init(pg:))
        }
    }

    public func saveProfile(_ profile: SMTPProfileRecord) throws(StoreError) {
        let action = "saving an SMTP profile"
        try writing(action) {
            var builder = StatementBuilder("")
            let scope = profileScope(profile.companyID, &builder)
            builder.sql = "DELETE FROM smtp_profiles WHERE \(scope) AND lower(user_code) = lower(\(builder.bind(profile.userCode)))"
            try execute(builder.query, action)
            var insert = StatementBuilder("INSERT INTO smtp_profiles (\(SMTPProfileRecord.pgColumns)) VALUES (")
            insert.sql += insert.placeholders(17) + ")"
            profile.appendValues(to: &insert.binds)
            try execute(insert.query, action)
        }
    }

    public func removeProfile(user: String, company: Int64?) throws(StoreError) -> Bool {
        let action = "removing an SMTP profile"
        return try writing(action) {
            var builder = StatementBuilder("")
            let scope = profileScope(company, &builder)
            builder.sql = "DELETE FROM smtp_profiles WHERE \(scope) AND lower(user_code) = lower(\(builder.bind(user)))"
            return try execute(builder.query, action) > 0
        }
    }

    // MARK: Outgoing messages

    public func recordOutgoing(_ record: OutgoingRecord, recipients: [String],
                               identify: (inout OutgoingRecord, [String]) throws -> Void) throws(StoreError) -> OutgoingRecord {
        let action = "recording an outgoing message"
        return try writing(action) {
            var record = record
            var insert = StatementBuilder("INSERT INTO outgoing (\(OutgoingRecord.pgUpdateColumns.joined(separator: ", "))) VALUES (")
            insert.sql += insert.placeholders(OutgoingRecord.pgUpdateColumns.count) + ") RETURNING id"
            record.appendValues(to: &insert.binds)
            guard let id = try query(insert.query, action).first?.first(Int64.self) else {
                throw StoreError.failed(location, action: action, reason: "the new row has no id")
            }
            record.id = id
            var seen = Set<String>()
            for address in recipients where seen.insert(address.lowercased()).inserted {
                try execute("INSERT INTO outgoing_recipients (outgoing_id, address) VALUES (\(id), \(address))", action)
            }
            // The order SQLite's primary key (outgoing_id, address COLLATE NOCASE) gives, which
            // is the recipient index order of the tags.
            let ordered = try recipientAddresses(of: id, action)
            try identify(&record, ordered)
            try update(record, action)
            return record
        }
    }

    private func update(_ record: OutgoingRecord, _ action: String) throws {
        var builder = StatementBuilder("UPDATE outgoing SET (\(OutgoingRecord.pgUpdateColumns.joined(separator: ", "))) = ROW(")
        builder.sql += builder.placeholders(OutgoingRecord.pgUpdateColumns.count) + ")"
        record.appendValues(to: &builder.binds)
        builder.sql += " WHERE id = \(builder.bind(record.id ?? 0))"
        try execute(builder.query, action)
    }

    public func finishOutgoing(_ record: OutgoingRecord, recipients: [OutgoingRecipient], events: [Event]) throws(StoreError) {
        let action = "recording a submission's result"
        try writing(action) {
            try update(record, action)
            for recipient in recipients {
                try execute("""
                    UPDATE outgoing_recipients SET state = \(recipient.state.rawValue), smtp_reply = \(pgText(recipient.smtpReply))
                    WHERE outgoing_id = \(recipient.outgoingID) AND lower(address) = lower(\(recipient.address))
                    """, action)
            }
            try insert(events, action)
        }
    }

    func outgoingRecord(id: Int64, _ action: String) throws -> OutgoingRecord? {
        try query("SELECT \(unescaped: OutgoingRecord.pgColumns) FROM outgoing WHERE id = \(id)", action)
            .first.map(OutgoingRecord.init(pg:))
    }

    /// The order of an outgoing message's recipients: by address without regard to ASCII case.
    static let recipientOrder = "lower(address) COLLATE \"C\", address COLLATE \"C\""

    func recipients(of id: Int64, _ action: String) throws -> [OutgoingRecipient] {
        try query("""
            SELECT \(unescaped: OutgoingRecipient.pgColumns) FROM outgoing_recipients WHERE outgoing_id = \(id)
            ORDER BY \(unescaped: Self.recipientOrder)
            """, action).map(OutgoingRecipient.init(pg:))
    }

    private func recipientAddresses(of id: Int64, _ action: String) throws -> [String] {
        try query("""
            SELECT address FROM outgoing_recipients WHERE outgoing_id = \(id) ORDER BY \(unescaped: Self.recipientOrder)
            """, action).map { try $0.first(String.self) }
    }

    public func outgoing(id: Int64) throws(StoreError) -> OutgoingRecord? {
        let action = "reading an outgoing message"
        return try reading(action) { try outgoingRecord(id: id, action) }
    }

    public func sentMessage(id: Int64) throws(StoreError) -> SentMessage? {
        let action = "reading an outgoing message's recipients"
        return try session.transaction(action, isolation: "REPEATABLE READ READ ONLY") {
            guard let row = try query("SELECT tag, company_id FROM outgoing WHERE id = \(id)", action).first else { return nil }
            var c = ColumnReader(row, action)
            let tag: String? = try c.next(), company: Int64? = try c.next()
            return SentMessage(tag: tag, recipients: try recipientAddresses(of: id, action), companyID: company)
        }
    }

    public func outgoingRecipients(of id: Int64) throws(StoreError) -> [OutgoingRecipient] {
        let action = "reading an outgoing message's recipients"
        return try reading(action) { try recipients(of: id, action) }
    }

    public func outgoingMessageExists(id: Int64) throws(StoreError) -> Bool {
        let action = "looking up outgoing message \(id)"
        return try reading(action) { try count("SELECT count(*) FROM outgoing WHERE id = \(id)", action) > 0 }
    }

    public func userHasSentMail(_ userCode: String, company: CompanySelection) throws(StoreError) -> Bool {
        let action = "looking up the mail user \(userCode) sent"
        return try reading(action) {
            var builder = StatementBuilder("")
            var condition = "lower(user_code) = lower(\(builder.bind(userCode)))"
            if let scoped = company.pgCondition("company_id", &builder) { condition += " AND " + scoped }
            builder.sql = "SELECT EXISTS (SELECT 1 FROM outgoing WHERE \(condition))"
            return try query(builder.query, action).first?.first(Bool.self) ?? false
        }
    }
}
