import EventStore
import Foundation

/// One of `count` parts of a Maildir: the messages whose unique name hashes (FNV-1a, mixed by
/// MurmurHash3's finalizer so that names differing in a digit spread evenly; the same on every
/// host and in every process) to `index`. Several workers on one Maildir each claim a part
/// at a time, so they share the work instead of all reading everything.
public struct MaildirShard: Sendable, Equatable {
    public let index: Int
    public let count: Int

    public init(index: Int, count: Int) {
        self.index = index
        self.count = max(1, count)
    }

    /// Whether the file with this unique name is in the part.
    public func contains(_ uniqueName: Substring) -> Bool {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in uniqueName.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        hash ^= hash >> 33
        hash = hash &* 0xff51_afd7_ed55_8ccd
        hash ^= hash >> 33
        hash = hash &* 0xc4ce_b9fe_1a85_ec53
        hash ^= hash >> 33
        return Int(hash % UInt64(count)) == index
    }

    /// The lease that gives one worker the part: `maildir:PATH#K/N` (K from 1).
    public func leaseName(_ maildir: String) -> String {
        "maildir:\(maildir)#\(index + 1)/\(count)"
    }
}

/// `events ingest --maildir DIR --shards N`: the Maildir in N parts, each taken under a lease in
/// the store by one worker at a time. A worker goes round the parts from a random one, ingests each
/// part it can claim and gives it up, and comes back for the parts other workers held until it has
/// had every part once: a part held by a worker that died is taken over when its lease runs out,
/// so the workers that are left finish the work.
public final class ShardedMaildirIngestion {
    public let store: any EventStore
    public let path: String
    public let shards: Int
    public let leaseDuration: TimeInterval
    public let holder: String
    /// Seconds between rounds while other workers hold parts.
    public var pause: TimeInterval = 0.25

    public init(store: any EventStore, path: String, shards: Int, leaseDuration: TimeInterval,
                holder: String = FolderLease.holderName()) {
        self.store = store
        self.path = path
        self.shards = max(1, shards)
        self.leaseDuration = leaseDuration
        self.holder = holder
    }

    /// Ingests every part once, calling `ingest` with each claimed part and its lease (to renew
    /// between batches); the summaries added up.
    public func run(_ ingest: (MaildirShard, FolderLease) throws -> IngestSummary) throws -> IngestSummary {
        let start = Int.random(in: 0..<shards)
        var remaining = (0..<shards).map { MaildirShard(index: (start + $0) % shards, count: shards) }
        var total = IngestSummary()
        while !remaining.isEmpty {
            var held: [MaildirShard] = []
            for shard in remaining {
                let lease = FolderLease(store: store, name: shard.leaseName(path), duration: leaseDuration, holder: holder)
                guard try lease.claim() else {
                    held.append(shard)
                    continue
                }
                defer { lease.release() }
                total.add(try ingest(shard, lease))
            }
            remaining = held
            if !remaining.isEmpty { Thread.sleep(forTimeInterval: pause) }
        }
        return total
    }
}
