import Foundation
import GRDB

/// Named requests for events: `Event.all().failed().since(date).newestFirst()`.
extension DerivableRequest<Event> {
    /// Bounces and submission failures. The condition is written out literally, as in the partial
    /// index `events_failed_time`, so SQLite can use that index.
    public func failed() -> Self {
        let kinds = Event.failedKinds.map { "'\($0)'" }.joined(separator: ", ")
        return filter(literal: SQL(sql: "\(Event.databaseTableName).kind IN (\(kinds))"))
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

    /// The events of one ledger row (one message).
    public func fromMessage(_ ledgerID: Int64) -> Self {
        filter(Event.Columns.ledgerID == ledgerID)
    }

    public func newestFirst() -> Self {
        order(Event.Columns.occurredAt.desc, Event.Columns.id.desc)
    }
}
