import EventStore
import Foundation
import GRDB
import Testing

/// The store's write-ahead log is copied into the database file every 64 MB, not SQLite's 4 MB,
/// and left empty when the store closes: commits keep the log, a closed store leaves no log behind.
@Suite("Checkpoints")
struct CheckpointTests {
    /// A ledger row holding `size` raw bytes, unique by `number`.
    static func entry(_ number: Int, size: Int) -> LedgerEntry {
        var digest = Data(repeating: 0, count: 32)
        withUnsafeBytes(of: number.littleEndian) { digest.replaceSubrange(0..<8, with: $0) }
        return LedgerEntry(sourceKind: .stdin, sourceRef: "\(number)", messageID: "\(number)@test", sha256: digest,
                           size: size, receivedAt: Date(timeIntervalSince1970: 1_800_000_000), parserVersion: "test",
                           outcome: .classified, raw: Data(repeating: UInt8(number % 251), count: size))
    }

    @Test func theLogIsCopiedEverySixtyFourMegabytesAndEmptiedOnClose() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("checkpoint-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("events.sqlite").path
        func logSize() throws -> Int {
            (try FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? -1
        }
        do {
            let store = try SQLiteStore(path: path)
            // Four commits of 3 MB: SQLite's default checkpoint (1,000 pages) would have run after
            // the second and reset the log; the store's keeps all 12 MB in it.
            for batch in 0..<4 {
                _ = try store.store((0..<12).map { (Self.entry(batch * 12 + $0, size: 256 << 10), []) })
            }
            #expect(try logSize() > 11 << 20)
        }
        #expect(try logSize() == 0)
        let reader = try DatabaseQueue(path: path)
        #expect(try reader.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM ledger") } == 48)
        _ = try SQLiteStore(readingAt: path)
    }
}
