import Foundation
import GRDB

/// Named requests for events: `Event.all().failed().since(date).newestFirst()`.
extension DerivableRequest<Event> {
    /// Bounces and submission failures, except unverified ones. The condition is written out
    /// literally, as in the partial index `events_failed_time`, so SQLite can use that index.
    public func failed() -> Self {
        filter(literal: SQL(sql: Event.failedCondition))
    }

    /// The events of the selected company. The time indexes hold the company after the time, so a
    /// listing newest first skips other companies' events without reading their rows.
    public func of(_ selection: CompanySelection) -> Self {
        guard let condition = selection.condition("events") else { return self }
        return filter(literal: condition)
    }

    /// The events matched to one outgoing message.
    public func forOutgoing(_ outgoingID: Int64) -> Self {
        filter(Event.Columns.outgoingID == outgoingID)
    }

    public func since(_ date: Date) -> Self {
        filter(Event.Columns.occurredAt >= date)
    }

    public func until(_ date: Date) -> Self {
        filter(Event.Columns.occurredAt < date)
    }

    public func kind(_ kind: String) -> Self {
        filter(Event.Columns.kind == kind)
    }

    public func reason(_ reason: String) -> Self {
        filter(Event.Columns.reason == reason)
    }

    /// Events about one recipient, compared without regard to case.
    public func recipient(_ address: String) -> Self {
        filter(Event.Columns.recipient == address)
    }

    /// Events whose recipient is at exactly this domain (not its subdomains), any case. A leading
    /// `%` keeps SQLite off the recipient index, so this is only added when a domain is asked for.
    public func recipientDomain(_ domain: String) -> Self {
        filter(sql: "events.recipient LIKE ? ESCAPE '\\'", arguments: ["%@" + LikePattern.escaped(domain)])
    }

    /// Events whose original subject, or the subject of the outgoing message they were matched to
    /// (a report may not return the original's headers), contains `text`, any case.
    public func subjectContains(_ text: String) -> Self {
        let pattern = "%" + LikePattern.escaped(text) + "%"
        return filter(sql: """
            (events.original_subject LIKE ? ESCAPE '\\'
             OR events.outgoing_id IN (SELECT id FROM outgoing WHERE subject LIKE ? ESCAPE '\\'))
            """, arguments: [pattern, pattern])
    }

    /// The events matched to messages an ERP user sent.
    public func sentBy(_ userCode: String) -> Self {
        filter(sql: "events.outgoing_id IN (SELECT id FROM outgoing WHERE user_code = ?)", arguments: [userCode])
    }

    /// The events of one ledger row (one message).
    public func fromMessage(_ ledgerID: Int64) -> Self {
        filter(Event.Columns.ledgerID == ledgerID)
    }

    public func newestFirst() -> Self {
        order(Event.Columns.occurredAt.desc, Event.Columns.id.desc)
    }
}
