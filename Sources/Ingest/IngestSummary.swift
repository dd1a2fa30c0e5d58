/// What an ingest run did: messages read, stored and skipped, events by kind, and what went wrong.
public struct IngestSummary: Sendable {
    /// Messages read from the source.
    public var read = 0
    /// Messages newly stored (ledger row and events committed).
    public var stored = 0
    /// Messages whose SHA-256 was already in the ledger: marked processed, not stored again.
    public var duplicates = 0
    /// Stored messages no detector recognised (kept with one `unrecognized` event).
    public var unrecognized = 0
    /// Stored messages delivered to an address at the event domain that names no known company
    /// (kept unattributed).
    public var unattributed = 0
    /// Events stored, by kind.
    public var eventsByKind: [String: Int] = [:]
    /// Files that could not be read, or were stored but could not be marked processed.
    public var failures: [InputError] = []
    /// Messages expected in all, when known (a Maildir's listing), for progress.
    public var expected: Int?

    public init() {}

    public var events: Int { eventsByKind.values.reduce(0, +) }

    /// Adds another run's counts (a part of a Maildir) to these.
    public mutating func add(_ other: IngestSummary) {
        read += other.read
        stored += other.stored
        duplicates += other.duplicates
        unrecognized += other.unrecognized
        unattributed += other.unattributed
        eventsByKind.merge(other.eventsByKind, uniquingKeysWith: +)
        failures += other.failures
        expected = other.expected.map { ($0 + (expected ?? 0)) } ?? expected
    }
}
