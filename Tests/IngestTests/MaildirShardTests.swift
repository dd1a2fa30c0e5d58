import EventStore
import Foundation
import Ingest
import Testing

/// A Maildir in parts: every message in exactly one part, the same on every host; parts claimed
/// one worker at a time, a dead worker's part taken over when its lease runs out.
@Suite("Maildir parts")
struct MaildirShardTests {
    @Test func everyNameIsInExactlyOnePartAndPartsAreEven() {
        let names = (0..<4_000).map { "\(1_700_000_000 + $0).M\($0)P\($0 % 7).host" }
        let shards = (0..<8).map { MaildirShard(index: $0, count: 8) }
        var sizes = [Int](repeating: 0, count: 8)
        for name in names {
            let owners = shards.filter { $0.contains(Substring(name)) }
            #expect(owners.count == 1)
            if let owner = owners.first { sizes[owner.index] += 1 }
        }
        #expect(sizes.allSatisfy { (350...650).contains($0) }, "\(sizes)")
    }

    @Test func thePartOfANameIsFixed() {
        // FNV-1a 64 of "abc", 0xe71fa2190541574b, mixed by MurmurHash3's fmix64: 0x33ebaf9927cbc5bd, whose
        // remainder by 5 is 2; the same in every process and on every host.
        #expect(MaildirShard(index: 2, count: 5).contains("abc"))
        #expect(!MaildirShard(index: 3, count: 5).contains("abc"))
        #expect(MaildirShard(index: 0, count: 1).contains("anything"))
        #expect(MaildirShard(index: 2, count: 8).leaseName("/var/mail/Maildir") == "maildir:/var/mail/Maildir#3/8")
    }

    @Test func aPartHeldByADeadWorkerIsTakenOverWhenItsLeaseRunsOut() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("shards-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(path: folder.appendingPathComponent("events.sqlite").path)
        let held = MaildirShard(index: 1, count: 3)
        #expect(try store.claimLease(held.leaseName("/m"), holder: "dead worker", duration: 0.6))
        let ingestion = ShardedMaildirIngestion(store: store, path: "/m", shards: 3, leaseDuration: 5, holder: "me")
        ingestion.pause = 0.05
        var order: [Int] = []
        let started = Date()
        let summary = try ingestion.run { shard, lease in
            #expect(lease.holder == "me")
            let holder = try store.leaseHolder(shard.leaseName("/m"))
            #expect(holder == "me")
            order.append(shard.index)
            var part = IngestSummary()
            part.read = 10
            return part
        }
        #expect(order.sorted() == [0, 1, 2])
        #expect(order.last == 1, "the held part comes last")
        #expect(Date().timeIntervalSince(started) >= 0.5)
        #expect(summary.read == 30)
        for index in 0..<3 { #expect(try store.leaseHolder(MaildirShard(index: index, count: 3).leaseName("/m")) == nil) }
    }

    @Test func aLeaseOfAProcessOfThisHostThatDiedIsTakenOverAtOnce() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("shards-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(path: folder.appendingPathComponent("events.sqlite").path)
        let finished = Process()
        finished.executableURL = URL(fileURLWithPath: "/bin/true")
        try finished.run()
        finished.waitUntilExit()
        let host = FolderLease.holderName().components(separatedBy: " pid ")[0]
        let dead = "\(host) pid \(finished.processIdentifier) #1", alive = "\(host) pid 1 #1"
        #expect(try store.claimLease("imap://a/INBOX", holder: dead, duration: 3600))
        #expect(try FolderLease(store: store, name: "imap://a/INBOX", duration: 60).claim(), "its process is gone")
        #expect(try store.claimLease("imap://a/Other", holder: alive, duration: 3600))
        #expect(try !FolderLease(store: store, name: "imap://a/Other", duration: 60).claim(), "process 1 lives")
        #expect(try store.claimLease("imap://a/Third", holder: "elsewhere.test pid \(finished.processIdentifier) #1",
                                     duration: 3600))
        #expect(try !FolderLease(store: store, name: "imap://a/Third", duration: 60).claim(), "another host's")
    }
}
