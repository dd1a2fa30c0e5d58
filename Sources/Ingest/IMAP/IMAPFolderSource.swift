import EventStore
import Foundation
import MailCore

/// The messages of an IMAP folder above the cursor, as a source: fetched in batches (`UID FETCH …
/// BODY.PEEK[]` over UID ranges), the cursor moved to the highest stored UID in each batch's
/// transaction, and messages marked as `after` says once committed. A fetch or marking error ends
/// fetching; what was read is still stored, and the error is kept for the run's outcome.
public final class IMAPFolderSource: MessageSource {
    let connection: IMAPConnection
    let mailbox: IMAPMailbox
    let after: AfterIngest
    let uidValidity: UInt32
    let fetchMessages: Int
    let fetchBytes: Int
    let shouldStop: () -> Bool
    /// The highest UID stored so far (the cursor).
    public private(set) var lastUID: UInt32
    /// The first error that stopped fetching or marking.
    public private(set) var error: IMAPError?
    private var listing: [(uid: UInt32, size: Int)]?

    init(connection: IMAPConnection, mailbox: IMAPMailbox, after: AfterIngest, uidValidity: UInt32, lastUID: UInt32,
         fetchMessages: Int, fetchBytes: Int, shouldStop: @escaping () -> Bool) {
        self.connection = connection
        self.mailbox = mailbox
        self.after = after
        self.uidValidity = uidValidity
        self.lastUID = lastUID
        self.fetchMessages = fetchMessages
        self.fetchBytes = fetchBytes
        self.shouldStop = shouldStop
    }

    public var sourceKind: LedgerEntry.SourceKind { .imap }
    /// `shouldStop`, asked between fetches, renews the folder's lease in the store.
    public var writesWhileReading: Bool { true }

    /// The UIDs above the cursor and their sizes, listed once.
    private func pending() throws(IMAPError) -> [(uid: UInt32, size: Int)] {
        if let listing { return listing }
        let fresh = try connection.messageSizes(fromUID: lastUID + 1).map { (uid: $0.uid, size: $0.size) }
        listing = fresh
        return fresh
    }

    public func pendingCount() throws -> Int? {
        do throws(IMAPError) { return try pending().count } catch {
            self.error = error
            return nil
        }
    }

    public func forEachPending(_ body: (SourceMessage<UInt32>) throws -> Void) throws {
        guard error == nil else { return }
        do {
            let listing = try pending()
            var start = 0
            while start < listing.count, !shouldStop() {
                var end = start, bytes = 0
                while end < listing.count, end - start < fetchMessages, end == start || bytes + listing[end].size <= fetchBytes {
                    bytes += listing[end].size
                    end += 1
                }
                for message in try connection.fetchMessages(listing[start..<end].map(\.uid)) {
                    try body(SourceMessage(sourceRef: mailbox.sourceRef(uidValidity: uidValidity, uid: message.uid),
                                           bytes: message.bytes, handle: message.uid))
                }
                start = end
            }
        } catch let failure as IMAPError {
            // The connection is of no use now: the next run marks what this one stores.
            error = error ?? failure
        }
    }

    public func cursor(after uids: [UInt32]) -> Cursor? {
        guard let top = uids.max() else { return nil }
        return Cursor(source: mailbox.cursorKey, uidValidity: Int64(uidValidity), lastUID: Int64(top), updatedAt: Date())
    }

    public func markProcessed(_ uids: [UInt32]) {
        if let top = uids.max() { lastUID = max(lastUID, top) }
        mark(uids)
    }

    /// Marks messages as `after` says, unless an earlier error made the connection useless.
    func mark(_ uids: [UInt32]) {
        guard error == nil, !uids.isEmpty else { return }
        do throws(IMAPError) {
            switch after {
            case .seen: try connection.markSeen(uids)
            case .move(let target): try connection.move(uids, to: target)
            case .delete: try connection.delete(uids)
            case .none: break
            }
        } catch {
            self.error = error
        }
    }

    public func finish() -> [InputError] { [] }
}
