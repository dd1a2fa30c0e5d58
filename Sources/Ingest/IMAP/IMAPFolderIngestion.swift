import EventStore
import Foundation
import MailCore

/// One pass over an IMAP folder on an open, logged-in connection: fetches the messages above the
/// cursor in batches (`UID FETCH … BODY.PEEK[]` over UID ranges), stores them through the pipeline,
/// and moves the cursor in the same transaction as each batch. Only after a batch's commit are its
/// messages marked as `after` says. A run that dies anywhere leaves the cursor at the last commit;
/// messages at or below it that a broken run could not mark are marked by the next pass.
public final class IMAPFolderIngestion {
    public let mailbox: IMAPMailbox
    public let after: AfterIngest
    /// Messages per `UID FETCH`.
    public let fetchMessages: Int
    /// Bytes per `UID FETCH` (by RFC822.SIZE; a larger message goes alone).
    public let fetchBytes: Int
    private let log: (String) -> Void

    public init(mailbox: IMAPMailbox, after: AfterIngest, fetchMessages: Int = 256, fetchBytes: Int = 8 << 20,
                log: @escaping (String) -> Void = { _ in }) {
        self.mailbox = mailbox
        self.after = after
        self.fetchMessages = max(1, fetchMessages)
        self.fetchBytes = max(1, fetchBytes)
        self.log = log
    }

    /// What a pass did.
    public struct Outcome {
        public var summary: IngestSummary
        /// The folder's UIDVALIDITY and the cursor's UID when the pass ended.
        public var uidValidity: UInt32
        public var lastUID: UInt32
        /// The first error that stopped fetching or marking; what was committed before it stays.
        public var error: IMAPError?
        /// The holder of the folder's lease when another worker held it and this pass read nothing.
        public var heldBy: String?
        /// Whether the lease was taken over during the pass (this worker stalled past it), which
        /// stopped fetching; what was committed stays.
        public var leaseLost = false
    }

    /// Runs one pass. `makePipeline` builds the pipeline over this pass's source; `shouldStop` is
    /// asked between fetches (a signal in `--watch`). With `lease`, the pass first claims the
    /// folder (and reads nothing when another worker holds it), renews the claim between fetches,
    /// stops when it was taken over, and gives it up at the end.
    public func run(on connection: IMAPConnection, store: EventStore, lease: FolderLease? = nil,
                    makePipeline: (IMAPFolderSource) -> StoringPipeline<IMAPFolderSource>,
                    shouldStop: @escaping () -> Bool = { false }) throws(StoreError) -> Outcome {
        if let lease, try !lease.claim() {
            return Outcome(summary: IngestSummary(), uidValidity: 0, lastUID: 0, error: nil,
                           heldBy: try store.leaseHolder(lease.name) ?? "another worker")
        }
        defer { lease?.release() }
        let stopping = lease.map { lease in { shouldStop() || !lease.renewIfDue() } } ?? shouldStop
        let status: MailboxStatus
        var lastUID: UInt32 = 0
        do {
            if case .move(let target) = after { try connection.createFolderIfMissing(target) }
            status = try connection.select(mailbox.folder)
        } catch {
            return Outcome(summary: IngestSummary(), uidValidity: 0, lastUID: 0, error: error)
        }
        let key = mailbox.cursorKey
        if let cursor = try store.cursor(for: key), cursor.uidValidity == Int64(status.uidValidity) {
            lastUID = UInt32(clamping: cursor.lastUID ?? 0)
        } else {
            if let cursor = try store.cursor(for: key) {
                log("\(mailbox): UIDVALIDITY changed from \(cursor.uidValidity.map(String.init) ?? "none") to "
                    + "\(status.uidValidity); reading the whole folder again (messages already stored are "
                    + "recognised by their SHA-256 and not stored twice)")
            }
            let fresh = Cursor(source: key, uidValidity: Int64(status.uidValidity), lastUID: 0, updatedAt: Date())
            try store.save(fresh)
        }

        let source = IMAPFolderSource(connection: connection, mailbox: mailbox, after: after,
                                      uidValidity: status.uidValidity, lastUID: lastUID, fetchMessages: fetchMessages,
                                      fetchBytes: fetchBytes, shouldStop: stopping)
        // Messages a broken run stored but could not mark.
        if lastUID > 0 && after != .none {
            do {
                let unmarked = try connection.uids(upTo: lastUID, unseenOnly: after == .seen)
                if !unmarked.isEmpty {
                    log("\(mailbox): marking \(unmarked.count) message(s) stored by an earlier run (\(after))")
                    source.mark(unmarked)
                }
            } catch {
                return Outcome(summary: IngestSummary(), uidValidity: status.uidValidity, lastUID: lastUID, error: error)
            }
        }
        let summary = try makePipeline(source).run()
        return Outcome(summary: summary, uidValidity: status.uidValidity, lastUID: source.lastUID, error: source.error,
                       leaseLost: lease?.lost ?? false)
    }
}
