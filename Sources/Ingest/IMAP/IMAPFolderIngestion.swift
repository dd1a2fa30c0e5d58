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
    }

    /// Runs one pass. `makePipeline` builds the pipeline with the hooks this pass needs;
    /// `shouldStop` is asked between batches (a signal in `--watch`).
    public func run(on connection: IMAPConnection, store: EventStore,
                    makePipeline: (_ cursorAfter: @escaping ([PendingMessage]) -> Cursor?,
                                   _ afterCommit: @escaping ([PendingMessage]) -> Void) -> StoringPipeline,
                    shouldStop: () -> Bool = { false }) throws(StoreError) -> Outcome {
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
            try store.writing("saving the cursor of \(key)") { session in try session.save(fresh) }
        }

        var markingError: IMAPError?
        func mark(_ uids: [UInt32]) {
            guard markingError == nil, !uids.isEmpty else { return }
            do throws(IMAPError) {
                switch after {
                case .seen: try connection.markSeen(uids)
                case .move(let target): try connection.move(uids, to: target)
                case .delete: try connection.delete(uids)
                case .none: break
                }
            } catch {
                markingError = error
            }
        }

        // Messages a broken run stored but could not mark.
        if lastUID > 0 && after != .none {
            do {
                let unmarked = try connection.uids(upTo: lastUID, unseenOnly: after == .seen)
                if !unmarked.isEmpty {
                    log("\(mailbox): marking \(unmarked.count) message(s) stored by an earlier run (\(after))")
                    mark(unmarked)
                }
            } catch {
                return Outcome(summary: IngestSummary(), uidValidity: status.uidValidity, lastUID: lastUID, error: error)
            }
        }

        let uidValidity = status.uidValidity
        let cursorKey = key
        let pipeline = makePipeline({ messages in
            guard let top = messages.compactMap(\.uid).max() else { return nil }
            return Cursor(source: cursorKey, uidValidity: Int64(uidValidity), lastUID: Int64(top), updatedAt: Date())
        }, { messages in
            if let top = messages.compactMap(\.uid).max() { lastUID = max(lastUID, top) }
            mark(messages.compactMap(\.uid))
        })

        var fetchError: IMAPError?
        do {
            let listing = try connection.messageSizes(fromUID: lastUID + 1)
            pipeline.expect(listing.count)
            var start = 0
            while start < listing.count, !shouldStop() {
                var end = start, bytes = 0
                while end < listing.count, end - start < fetchMessages, end == start || bytes + listing[end].size <= fetchBytes {
                    bytes += listing[end].size
                    end += 1
                }
                let messages = try connection.fetchMessages(listing[start..<end].map(\.uid))
                for message in messages {
                    try pipeline.add(PendingMessage(sourceKind: .imap,
                                                    sourceRef: mailbox.sourceRef(uidValidity: uidValidity, uid: message.uid),
                                                    bytes: message.bytes, uid: message.uid))
                }
                start = end
            }
        } catch let error as IMAPError {
            fetchError = error
            // The connection is of no use now: the next run marks what this one stores below.
            markingError = markingError ?? error
        } catch let error as StoreError {
            throw error
        } catch {
            preconditionFailure("only IMAPError and StoreError are thrown here: \(error)")
        }
        let summary = try pipeline.finish()
        return Outcome(summary: summary, uidValidity: uidValidity, lastUID: lastUID, error: fetchError ?? markingError)
    }
}
