import EventStore
import Foundation
import PostgresNIO

// The records' columns as the statements name them, and each record read back from a row in
// that order.

extension Event {
    static let pgColumns = """
        id, ledger_id, kind, recipient, reason, hard, sender_side, status, reply_code, action, diagnostic, \
        remote_mta, reporting_mta, envelope_id, feedback_type, detector, rule, cause, remedy, original_message_id, \
        original_subject, original_from, original_date, occurred_at, outgoing_id, match_method, verified, company_id
        """

    init(pg row: PostgresRow) throws {
        var c = ColumnReader(row, "reading an event")
        self.init(id: try c.next(Int64?.self), ledgerID: try c.next(), kind: try c.next(), recipient: try c.next(),
                  reason: try c.next(), hard: try c.next(), senderSide: try c.next(), status: try c.next(),
                  replyCode: try c.next(), action: try c.next(), diagnostic: try c.next(), remoteMTA: try c.next(),
                  reportingMTA: try c.next(), envelopeID: try c.next(), feedbackType: try c.next(),
                  detector: try c.next(), cause: "", remedy: "", occurredAt: Date())
        rule = try c.next()
        cause = try c.next()
        remedy = try c.next()
        originalMessageID = try c.next()
        originalSubject = try c.next()
        originalFrom = try c.next()
        originalDate = try c.next()
        occurredAt = try c.date()
        outgoingID = try c.next()
        matchMethod = try c.next()
        verified = try c.next()
        companyID = try c.next()
    }

    /// The insert's columns (all but id) and their values.
    static let pgInsertColumns = """
        ledger_id, kind, recipient, reason, hard, sender_side, status, reply_code, action, diagnostic, remote_mta, \
        reporting_mta, envelope_id, feedback_type, detector, rule, cause, remedy, original_message_id, \
        original_subject, original_from, original_date, occurred_at, outgoing_id, match_method, verified, company_id
        """
    static let pgInsertColumnCount = 27

    func appendValues(to binds: inout PostgresBindings) {
        binds.value(ledgerID)
        binds.text(kind)
        binds.text(recipient)
        binds.text(reason)
        binds.append(hard)
        binds.append(senderSide)
        binds.text(status)
        binds.value(replyCode.map(Int32.init(clamping:)))
        binds.text(action)
        binds.text(diagnostic)
        binds.text(remoteMTA)
        binds.text(reportingMTA)
        binds.text(envelopeID)
        binds.text(feedbackType)
        binds.text(detector)
        binds.text(rule)
        binds.text(cause)
        binds.text(remedy)
        binds.text(originalMessageID)
        binds.text(originalSubject)
        binds.text(originalFrom)
        binds.text(originalDate)
        binds.date(occurredAt)
        binds.value(outgoingID)
        binds.text(matchMethod)
        binds.value(verified)
        binds.value(companyID)
    }
}

extension LedgerEntry {
    /// Every column but the raw bytes.
    static let pgMetadataColumns = """
        id, source_kind, source_ref, message_id, sha256, size, received_at, parser_version, outcome, pruned_at, \
        company_id, delivered_to
        """

    init(pg row: PostgresRow, withRaw: Bool) throws {
        var c = ColumnReader(row, "reading a stored message")
        let id: Int64 = try c.next()
        let kind = try c.next(String.self), ref: String = try c.next(), messageID: String? = try c.next()
        let sha256 = try c.data(), size: Int = try c.next(), receivedAt = try c.date()
        let parserVersion: String = try c.next(), outcome: String = try c.next(), prunedAt = try c.optionalDate()
        let companyID: Int64? = try c.next(), deliveredTo: String? = try c.next()
        let raw: Data? = withRaw ? try c.next(Data?.self) : nil
        self.init(id: id, sourceKind: SourceKind(rawValue: kind) ?? .file, sourceRef: ref, messageID: messageID,
                  sha256: sha256, size: size, receivedAt: receivedAt, parserVersion: parserVersion,
                  outcome: Outcome(rawValue: outcome) ?? .unrecognized, prunedAt: prunedAt, companyID: companyID,
                  deliveredTo: deliveredTo, raw: raw)
    }
}

extension OutgoingRecord {
    static let pgColumns = """
        id, tag, message_id, user_code, profile_user, server, auth_user, sender_mode, envelope_from, from_address, \
        reply_to, subject, size, created_at, submitted_at, state, smtp_reply, company_id
        """

    init(pg row: PostgresRow) throws {
        var c = ColumnReader(row, "reading an outgoing message")
        let id: Int64 = try c.next(), tag: String? = try c.next(), messageID: String? = try c.next()
        let userCode: String = try c.next(), profileUser: String = try c.next(), server: String = try c.next()
        let authUser: String = try c.next(), senderMode: String = try c.next(), envelopeFrom: String = try c.next()
        let fromAddress: String = try c.next(), replyTo: String? = try c.next(), subject: String = try c.next()
        let size: Int? = try c.next(), createdAt = try c.date(), submittedAt = try c.optionalDate()
        let state: String = try c.next(), smtpReply: String? = try c.next(), companyID: Int64? = try c.next()
        self.init(id: id, tag: tag, messageID: messageID, userCode: userCode, profileUser: profileUser, server: server,
                  authUser: authUser, senderMode: senderMode, envelopeFrom: envelopeFrom, fromAddress: fromAddress,
                  replyTo: replyTo, subject: subject, size: size, createdAt: createdAt, submittedAt: submittedAt,
                  state: State(rawValue: state) ?? .pending, smtpReply: smtpReply, companyID: companyID)
    }

    /// The columns an update writes (all but id), in `appendValues`'s order.
    static let pgUpdateColumns = [
        "tag", "message_id", "user_code", "profile_user", "server", "auth_user", "sender_mode", "envelope_from",
        "from_address", "reply_to", "subject", "size", "created_at", "submitted_at", "state", "smtp_reply", "company_id",
    ]

    func appendValues(to binds: inout PostgresBindings) {
        binds.text(tag)
        binds.text(messageID)
        binds.text(userCode)
        binds.text(profileUser)
        binds.text(server)
        binds.text(authUser)
        binds.text(senderMode)
        binds.text(envelopeFrom)
        binds.text(fromAddress)
        binds.text(replyTo)
        binds.text(subject)
        binds.value(size.map(Int64.init))
        binds.date(createdAt)
        binds.date(submittedAt)
        binds.append(state.rawValue)
        binds.text(smtpReply)
        binds.value(companyID)
    }
}

extension OutgoingRecipient {
    static let pgColumns = "outgoing_id, address, state, smtp_reply"

    init(pg row: PostgresRow) throws {
        var c = ColumnReader(row, "reading an outgoing message's recipients")
        let id: Int64 = try c.next(), address: String = try c.next(), state: String = try c.next()
        self.init(outgoingID: id, address: address, state: State(rawValue: state) ?? .pending, smtpReply: try c.next())
    }
}

extension SMTPProfileRecord {
    static let pgColumns = """
        company_id, user_code, host, port, tls, username, auth, secret_source, sender_mode, address, display_name, \
        preset, oauth_provider, oauth_tenant, oauth_client_id, oauth_client_secret, updated_at
        """

    init(pg row: PostgresRow) throws {
        var c = ColumnReader(row, "reading an SMTP profile")
        let companyID: Int64? = try c.next(), userCode: String = try c.next(), host: String? = try c.next()
        let port: Int? = try c.next(), tls: String? = try c.next(), username: String = try c.next()
        let auth: String = try c.next(), secretSource: String? = try c.next(), senderMode: String = try c.next()
        let address: String = try c.next(), displayName: String? = try c.next(), preset: String? = try c.next()
        let provider: String? = try c.next(), tenant: String? = try c.next(), clientID: String? = try c.next()
        let clientSecret: String? = try c.next()
        self.init(userCode: userCode, host: host, port: port, tls: tls, username: username, auth: auth,
                  secretSource: secretSource, senderMode: senderMode, address: address, displayName: displayName,
                  preset: preset, oauthProvider: provider, oauthTenant: tenant, oauthClientID: clientID,
                  oauthClientSecret: clientSecret, companyID: companyID, updatedAt: try c.date())
    }

    func appendValues(to binds: inout PostgresBindings) {
        binds.value(companyID)
        binds.text(userCode)
        binds.text(host)
        binds.value(port.map(Int32.init(clamping:)))
        binds.text(tls)
        binds.text(username)
        binds.text(auth)
        binds.text(secretSource)
        binds.text(senderMode)
        binds.text(address)
        binds.text(displayName)
        binds.text(preset)
        binds.text(oauthProvider)
        binds.text(oauthTenant)
        binds.text(oauthClientID)
        binds.text(oauthClientSecret)
        binds.date(updatedAt)
    }
}

extension Company {
    init(pg row: PostgresRow) throws {
        var c = ColumnReader(row, "reading a company")
        self.init(id: try c.next(Int64.self), name: try c.next(), createdAt: try c.date())
    }
}

extension Cursor {
    init(pg row: PostgresRow) throws {
        var c = ColumnReader(row, "reading a cursor")
        self.init(source: try c.next(), uidValidity: try c.next(), lastUID: try c.next(), updatedAt: try c.date())
    }
}

/// A statement built piece by piece, its values bound in order.
struct StatementBuilder {
    var sql: String
    var binds = PostgresBindings()

    init(_ sql: String) {
        self.sql = sql
    }

    /// Binds `value` and returns its placeholder.
    mutating func bind<T: PostgresNonThrowingEncodable>(_ value: T) -> String {
        binds.append(value)
        return "$\(binds.count)"
    }

    mutating func bind(_ date: Date) -> String {
        binds.date(date)
        return "$\(binds.count)"
    }

    /// `count` placeholders after the ones bound so far, for values appended next.
    func placeholders(_ count: Int) -> String {
        (1...count).map { "$\(binds.count + $0)" }.joined(separator: ", ")
    }

    var query: PostgresQuery { PostgresQuery(unsafeSQL: sql, binds: binds) }
}

extension CompanySelection {
    /// The condition on `column`, binding what it needs; nil for every company.
    func pgCondition(_ column: String, _ builder: inout StatementBuilder) -> String? {
        switch self {
        case .any: return nil
        case .company(let id): return "\(column) = \(builder.bind(id))"
        case .unattributed: return "\(column) IS NULL"
        }
    }
}
