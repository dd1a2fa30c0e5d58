/// One event and where it came from, for `events show`.
public struct EventDetail: Sendable {
    public let event: Event
    /// The message's ledger row, without its raw bytes (nil for a submission error).
    public let message: LedgerEntry?
    /// Whether the message's raw bytes are still stored.
    public let rawKept: Bool
    /// The other events from the same message.
    public let otherEvents: [Int64]
    /// The outgoing message the event is matched to, and its recipients.
    public let outgoing: OutgoingRecord?
    public let outgoingRecipients: [OutgoingRecipient]
    /// The company the event belongs to; nil when unattributed.
    public let company: Company?
    /// Whether the database has any company (without, nothing is attributed and nothing need be said).
    public let companiesExist: Bool

    package init(event: Event, message: LedgerEntry?, rawKept: Bool, otherEvents: [Int64], outgoing: OutgoingRecord?,
                 outgoingRecipients: [OutgoingRecipient], company: Company?, companiesExist: Bool) {
        self.event = event
        self.message = message
        self.rawKept = rawKept
        self.otherEvents = otherEvents
        self.outgoing = outgoing
        self.outgoingRecipients = outgoingRecipients
        self.company = company
        self.companiesExist = companiesExist
    }
}
