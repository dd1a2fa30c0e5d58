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

    /// The history from the message's recipients and the events matched to it (oldest first):
    /// each event goes to the recipient it names (any case), the rest to `otherEvents`.
    public init(record: OutgoingRecord, recipients: [OutgoingRecipient], matchedEvents events: [Event]) {
        var byRecipient: [String: [Event]] = [:]
        var others: [Event] = []
        let addresses = Set(recipients.map { $0.address.lowercased() })
        for event in events {
            if let address = event.recipient?.lowercased(), addresses.contains(address) {
                byRecipient[address, default: []].append(event)
            } else {
                others.append(event)
            }
        }
        self.init(record: record,
                  recipients: recipients.map { .init(recipient: $0, events: byRecipient[$0.address.lowercased()] ?? []) },
                  otherEvents: others)
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
