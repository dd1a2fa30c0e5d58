import Foundation

/// The event database, whatever engine holds it: SQLite on one machine (`SQLiteStore`), PostgreSQL
/// when several hosts share it (`PostgresStore`, in the PostgresEventStore module). The commands,
/// the storing pipeline and the sender use only this protocol; `StoreLocation` chooses the engine
/// from `--db`. Both implementations pass the same conformance suite
/// (Tests/EventStoreTests/Conformance), so they store, find and count alike.
///
/// Every call is its own transaction (a batch of `store` is one), durable when it returns; a call
/// that throws changed nothing. A storing run's `StoringTransaction` alone spans several calls.
public protocol EventStore: AnyObject, Sendable {
    /// Where the database is, for messages: a file path, or a PostgreSQL URL without its password.
    var location: String { get }

    // MARK: Storing runs

    /// Stores messages in one transaction, each ledger row with its events, skipping a message
    /// whose SHA-256 is already stored (before, by another worker, or earlier in the batch), and
    /// saves `cursor` in the same transaction.
    func store(_ messages: [StoredMessage], advancing cursor: Cursor?) throws(StoreError) -> [StoreResult]
    /// A transaction for a storing run that commits several batches at once (`StoringTransaction`);
    /// by default each batch commits on its own (`EachBatchCommitted`).
    func storingTransaction() -> any StoringTransaction
    /// Saves where an incremental source stands.
    func save(_ cursor: Cursor) throws(StoreError)
    /// Where an incremental source stopped, if it ever stored anything.
    func cursor(for source: String) throws(StoreError) -> Cursor?
    /// Replaces stored messages' events with a new classification, in one transaction; events keep
    /// their ids in order (see `EventReplacement`).
    func replaceEvents(_ replacements: [EventReplacement], parserVersion: String) throws(StoreError)
    /// Drops the raw bytes of messages taken in before `date`, keeping their rows and events.
    func pruneRaw(receivedBefore date: Date, company: CompanySelection, now: Date) throws(StoreError) -> (messages: Int, bytes: Int)
    /// Claims the lease `name` for `holder` for `duration` seconds from now (the database's clock
    /// on PostgreSQL, so hosts need not agree), or renews it if `holder` has it; false when another
    /// holder's lease has not run out. Workers, on one host or several, take an IMAP folder this
    /// way one at a time; a worker that dies loses its claim when its lease runs out.
    func claimLease(_ name: String, holder: String, duration: TimeInterval) throws(StoreError) -> Bool
    /// Gives up `holder`'s lease `name` (nothing when another holds it).
    func releaseLease(_ name: String, holder: String) throws(StoreError)
    /// Who holds the lease `name` now, if anyone (an expired lease is held by no one).
    func leaseHolder(_ name: String) throws(StoreError) -> String?
    /// Gives the lease `name` to `holder` for `duration` seconds if `previous` still holds it (a
    /// worker known to have died: no need to wait for its lease to run out); false otherwise.
    func takeOverLease(_ name: String, from previous: String, holder: String,
                       duration: TimeInterval) throws(StoreError) -> Bool

    // MARK: Events

    /// Calls `body` with each event `filter` selects, newest first, at most `limit` (nil: all),
    /// streamed rather than collected.
    func forEachEvent(matching filter: EventFilter, limit: Int?, _ body: (Event) throws -> Void) throws(StoreError)
    /// `forEachEvent` with each event's company name (nil when unattributed).
    func forEachEventWithCompany(matching filter: EventFilter, limit: Int?,
                                 _ body: (Event, String?) throws -> Void) throws(StoreError)
    /// One event with its message (without the raw bytes), its siblings, its outgoing message.
    func eventDetail(id: Int64) throws(StoreError) -> EventDetail
    /// A stored message's raw bytes, or nil when pruned or absent.
    func rawMessage(ledgerID: Int64) throws(StoreError) -> Data?
    /// Stored messages that still have their raw bytes, received at or after `since`, in ledger
    /// order, `batchSize` at a time.
    func forEachStoredMessageBatch(since: Date?, company: CompanySelection, batchSize: Int,
                                   _ body: ([LedgerEntry]) throws -> Void) throws(StoreError)
    /// Messages received at or after `since` (nil: all), and how many of them were pruned.
    func messageCounts(since: Date?, company: CompanySelection) throws(StoreError) -> (messages: Int, pruned: Int)
    /// Counts for `events stats`.
    func statistics(since: Date?, company: CompanySelection, topDomains: Int) throws(StoreError) -> EventStatistics
    /// Counts per company for `events stats --by-company`.
    func countsByCompany(since: Date?) throws(StoreError) -> [CompanyCounts]

    // MARK: Companies

    func companies() throws(StoreError) -> [Company]
    func companyCount() throws(StoreError) -> Int
    /// The company with this name, any case.
    func company(named name: String) throws(StoreError) -> Company?
    func company(id: Int64) throws(StoreError) -> Company?
    /// Adds a company; the first one adopts every row stored before there were companies.
    func addCompany(named name: String, now: Date) throws(StoreError) -> AddedCompany
    /// Removes a company; one that holds data only with `deletingData`, and its data with it.
    func removeCompany(id: Int64, deletingData: Bool) throws(StoreError) -> RemovedCompany
    /// What each company holds, by company id.
    func companyHoldings() throws(StoreError) -> [Int64: CompanyHoldings]
    /// Unattributed messages delivered to `name@domain` or `name+tag@domain`, any case.
    func unattributedMessages(addressedTo name: String, domain: String) throws(StoreError) -> Int

    // MARK: Settings and SMTP profiles

    /// A setting's value: a per-company one `company`'s (nil: the database's own), a global one.
    func setting(_ name: Setting.Name, company: Int64?) throws(StoreError) -> String?
    /// The rows of `settings` (global settings, and the mail sending user of a database without companies).
    func settings() throws(StoreError) -> [Setting]
    /// Sets a setting, or removes it when `value` is nil.
    func setSetting(_ name: Setting.Name, to value: String?, company: Int64?, now: Date) throws(StoreError)
    /// A user's profile in `company` (nil: no company), user codes compared without case.
    func profile(user: String, company: Int64?) throws(StoreError) -> SMTPProfileRecord?
    func profiles(company: Int64?) throws(StoreError) -> [SMTPProfileRecord]
    /// Saves a profile, replacing the one of the same company and user code.
    func saveProfile(_ profile: SMTPProfileRecord) throws(StoreError)
    /// Removes a user's profile; false when there was none.
    func removeProfile(user: String, company: Int64?) throws(StoreError) -> Bool

    // MARK: Outgoing mail

    /// Records a message before submission with its recipients (each address once, any case), then
    /// lets `identify` set what depends on the new id, all in one transaction.
    func recordOutgoing(_ record: OutgoingRecord, recipients: [String],
                        identify: (inout OutgoingRecord, [String]) throws -> Void) throws(StoreError) -> OutgoingRecord
    /// Records the server's answers and the submission errors as events, in one transaction.
    func finishOutgoing(_ record: OutgoingRecord, recipients: [OutgoingRecipient], events: [Event]) throws(StoreError)
    func outgoing(id: Int64) throws(StoreError) -> OutgoingRecord?
    /// What matching needs of an outgoing message: its tag and recipients in recipient-index order.
    func sentMessage(id: Int64) throws(StoreError) -> SentMessage?
    func outgoingRecipients(of id: Int64) throws(StoreError) -> [OutgoingRecipient]
    func outgoingMessageExists(id: Int64) throws(StoreError) -> Bool
    /// Whether this user code (any case) ever sent mail.
    func userHasSentMail(_ userCode: String, company: CompanySelection) throws(StoreError) -> Bool
    /// The messages `filter` selects, newest first, with recipients and matched events.
    func outgoingHistories(matching filter: OutgoingFilter, limit: Int?) throws(StoreError) -> [OutgoingHistory]
    func outgoingHistory(id: Int64) throws(StoreError) -> OutgoingHistory?
    /// The user codes that sent something.
    func sendingUsers(company: CompanySelection) throws(StoreError) -> [String]
}

/// A message to store: its ledger row and its events.
public typealias StoredMessage = (entry: LedgerEntry, events: [Event])

/// What happened to a message handed to `EventStore.store`.
public enum StoreResult: Sendable, Equatable {
    /// Its ledger row and events were committed.
    case stored(ledgerID: Int64)
    /// A message with the same SHA-256 was stored before, as this ledger row; nothing was written.
    case duplicate(ledgerID: Int64)
}

/// A stored message's new classification, for `EventStore.replaceEvents`. Its events are
/// updated in place in id order, so their ids survive when the number of findings is the same;
/// extra new ones are inserted, extra old ones deleted. A new event without a match keeps the
/// old event's match. The events take their message's company.
public struct EventReplacement: Sendable {
    public var ledgerID: Int64
    public var events: [Event]
    public var outcome: LedgerEntry.Outcome
    /// The company its headers now name, with the address that names it; nil keeps the stored
    /// company (a message attributed when it was stored, or by migration, stays attributed).
    public var company: (id: Int64, deliveredTo: String?)?

    public init(ledgerID: Int64, events: [Event], outcome: LedgerEntry.Outcome,
                company: (id: Int64, deliveredTo: String?)? = nil) {
        self.ledgerID = ledgerID
        self.events = events
        self.outcome = outcome
        self.company = company
    }
}

/// What happened to `addCompany`.
public enum AddedCompany: Sendable, Equatable {
    /// The company was added. `adopted`: being the first, it took over what was stored before
    /// any company existed (nothing, when the database was new).
    case added(Company, adopted: CompanyHoldings)
    /// A company of that name (any case) was there already.
    case exists(Company)
}

/// What `removeCompany` did.
public enum RemovedCompany: Sendable, Equatable {
    /// Removed, with everything that was its.
    case removed(CompanyHoldings)
    /// Not removed: it holds messages, events, sent mail or profiles, and `deletingData` was false.
    case holdsData(CompanyHoldings)
}

extension EventStore {
    public func storingTransaction() -> any StoringTransaction {
        EachBatchCommitted(store: self)
    }
}

// The usual arguments, so callers name only what they choose.
extension EventStore {
    public func store(_ messages: [StoredMessage]) throws(StoreError) -> [StoreResult] {
        try store(messages, advancing: nil)
    }

    /// Stores one message.
    public func store(_ entry: LedgerEntry, events: [Event]) throws(StoreError) -> StoreResult {
        try store([(entry, events)], advancing: nil)[0]
    }

    public func pruneRaw(receivedBefore date: Date, now: Date) throws(StoreError) -> (messages: Int, bytes: Int) {
        try pruneRaw(receivedBefore: date, company: .any, now: now)
    }

    public func forEachStoredMessageBatch(since: Date?, company: CompanySelection = .any,
                                          _ body: ([LedgerEntry]) throws -> Void) throws(StoreError) {
        try forEachStoredMessageBatch(since: since, company: company, batchSize: 256, body)
    }

    public func messageCounts(since: Date?) throws(StoreError) -> (messages: Int, pruned: Int) {
        try messageCounts(since: since, company: .any)
    }

    public func statistics(since: Date?, company: CompanySelection = .any) throws(StoreError) -> EventStatistics {
        try statistics(since: since, company: company, topDomains: 10)
    }

    public func addCompany(named name: String) throws(StoreError) -> AddedCompany {
        try addCompany(named: name, now: Date())
    }

    public func setting(_ name: Setting.Name) throws(StoreError) -> String? {
        try setting(name, company: nil)
    }

    public func setSetting(_ name: Setting.Name, to value: String?, company: Int64? = nil) throws(StoreError) {
        try setSetting(name, to: value, company: company, now: Date())
    }

    public func setSetting(_ name: Setting.Name, to value: String?, now: Date) throws(StoreError) {
        try setSetting(name, to: value, company: nil, now: now)
    }

    public func profile(user: String) throws(StoreError) -> SMTPProfileRecord? {
        try profile(user: user, company: nil)
    }

    public func profiles() throws(StoreError) -> [SMTPProfileRecord] {
        try profiles(company: nil)
    }

    public func removeProfile(user: String) throws(StoreError) -> Bool {
        try removeProfile(user: user, company: nil)
    }

    public func userHasSentMail(_ userCode: String) throws(StoreError) -> Bool {
        try userHasSentMail(userCode, company: .any)
    }

    public func sendingUsers() throws(StoreError) -> [String] {
        try sendingUsers(company: .any)
    }
}
