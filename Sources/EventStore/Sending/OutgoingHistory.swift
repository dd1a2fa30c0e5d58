/// One outgoing message and everything known about it since: each recipient's state at submission
/// and the events matched back to that recipient, so "accepted, nothing came back" can be told from
/// "bounced" and from "never sent" (no history at all).
public struct OutgoingHistory: Sendable {
    public let record: OutgoingRecord
    public let recipients: [RecipientHistory]
    /// Events matched to the message that name none of its recipients (a report without a
    /// recipient is about the tagged one, so these are rare).
    public let otherEvents: [Event]

    public init(record: OutgoingRecord, recipients: [RecipientHistory], otherEvents: [Event]) {
        self.record = record
        self.recipients = recipients
        self.otherEvents = otherEvents
    }

    /// One recipient's copy: what the server answered to it and the events about it, oldest first.
    public struct RecipientHistory: Sendable {
        public let recipient: OutgoingRecipient
        public let events: [Event]

        public init(recipient: OutgoingRecipient, events: [Event]) {
            self.recipient = recipient
            self.events = events
        }

        /// Where the copy stands, from the submission's answer and the events since.
        public var outcome: RecipientOutcome {
            RecipientOutcome(state: recipient.state, eventKinds: events.filter { $0.verified != false }.map(\.kind))
        }
    }
}
