import Foundation
import GRDB

/// What `events sent` selects among outgoing messages: every condition is optional and they combine
/// with AND. The subject is matched in Swift (any case, any script), since SQLite's `lower` and
/// `LIKE` fold ASCII letters only and subjects are often Estonian or German.
public struct OutgoingFilter: Sendable, Equatable {
    /// The ERP user who sent (any case, as the column compares).
    public var userCode: String?
    /// A recipient's whole address, or a domain (`firm.ee` or `@firm.ee`): messages with at least
    /// one recipient there.
    public var recipient: String?
    /// A piece of the subject, any case, accents ignored (`muller` finds "Müller").
    public var subject: String?
    /// Messages recorded at or after this moment.
    public var since: Date?
    /// Whose messages: one company's, or all.
    public var company: CompanySelection

    public init(userCode: String? = nil, recipient: String? = nil, subject: String? = nil, since: Date? = nil,
                company: CompanySelection = .any) {
        self.userCode = userCode
        self.recipient = recipient
        self.subject = subject
        self.since = since
        self.company = company
    }

    /// The SQL conditions (user, recipient, since), newest first; the subject is `accepts`'s.
    var request: QueryInterfaceRequest<OutgoingRecord> {
        var request = OutgoingRecord.all().of(company)
        if let userCode { request = request.filter(OutgoingRecord.Columns.userCode == userCode) }
        if let since { request = request.filter(OutgoingRecord.Columns.createdAt >= since) }
        if let recipient {
            if let domain = Self.domain(recipient) {
                request = request.filter(sql: """
                    EXISTS (SELECT 1 FROM outgoing_recipients r WHERE r.outgoing_id = outgoing.id \
                    AND r.address LIKE ? ESCAPE '\\')
                    """, arguments: ["%@" + LikePattern.escaped(domain)])
            } else {
                request = request.filter(sql: """
                    EXISTS (SELECT 1 FROM outgoing_recipients r WHERE r.outgoing_id = outgoing.id AND r.address = ?)
                    """, arguments: [recipient])
            }
        }
        return request.order(OutgoingRecord.Columns.createdAt.desc, OutgoingRecord.Columns.id.desc)
    }

    /// Whether the subject condition holds for a message the SQL conditions selected.
    package func accepts(_ record: OutgoingRecord) -> Bool {
        guard let subject, !subject.isEmpty else { return true }
        return record.subject.range(of: subject, options: [.caseInsensitive, .diacriticInsensitive]) != nil
    }

    /// The domain of `firm.ee` or `@firm.ee`; nil for a whole address.
    package static func domain(_ text: String) -> String? {
        if text.hasPrefix("@") { return String(text.dropFirst()) }
        return text.contains("@") ? nil : text
    }

}
