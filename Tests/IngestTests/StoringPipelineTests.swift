import EventStore
import Foundation
import Ingest
import Testing

/// How a storing run commits: transactions of `maximumMessages` messages over several batches,
/// never seen half-done by another connection, and messages marked only after their commit.
@Suite("Storing pipeline")
struct StoringPipelineTests {
    /// Messages in memory; each time the pipeline reads one or marks some processed, it notes how
    /// many messages another connection sees stored.
    final class RecordingSource: MessageSource {
        let messages: [[UInt8]]
        let observer: SQLiteStore
        let writes: Bool
        var committedAtReads: [Int] = []
        var marks: [(handles: [Int], committed: Int)] = []

        init(count: Int, observer: SQLiteStore, writesWhileReading: Bool = false) {
            messages = (0..<count).map { Array("Message-ID: <m\($0)@pipeline.test>\r\nSubject: note \($0)\r\n\r\nHello.\r\n".utf8) }
            self.observer = observer
            writes = writesWhileReading
        }

        var sourceKind: LedgerEntry.SourceKind { .stdin }
        var writesWhileReading: Bool { writes }

        func forEachPending(_ body: (SourceMessage<Int>) throws -> Void) throws {
            for (index, bytes) in messages.enumerated() {
                committedAtReads.append(try observer.messageCounts(since: nil).messages)
                try body(SourceMessage(sourceRef: "\(index)", bytes: bytes, handle: index))
            }
        }

        func markProcessed(_ handles: [Int]) {
            marks.append((handles, (try? observer.messageCounts(since: nil).messages) ?? -1))
        }

        func finish() -> [InputError] { [] }
    }

    static func withStores(_ body: (SQLiteStore, SQLiteStore) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pipeline-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("events.sqlite").path
        let store = try SQLiteStore(path: path)
        try body(store, try SQLiteStore(path: path))
    }

    static func run(_ source: RecordingSource, into store: SQLiteStore) throws -> IngestSummary {
        // Batches of one message (1 byte at most), transactions of ten.
        try StoringPipeline(store: store, source: source, runner: ClassifierRunner(classifier: MessageClassifier()),
                            parserVersion: "test", maximumMessages: 10, maximumBytes: 1,
                            now: { Date(timeIntervalSince1970: 1_800_000_000) }).run()
    }

    @Test func aTransactionOfSeveralBatchesIsCommittedWholeBeforeItsMessagesAreMarked() throws {
        try Self.withStores { store, observer in
            let source = RecordingSource(count: 25, observer: observer)
            let summary = try Self.run(source, into: store)
            #expect(summary.read == 25 && summary.stored == 25)
            // Another connection only ever sees whole transactions of ten (and the last five).
            #expect(source.committedAtReads.allSatisfy { [0, 10, 20].contains($0) }, "\(source.committedAtReads)")
            #expect(source.committedAtReads.contains(10), "the first transaction commits while the run reads on")
            // Each batch of one is marked after the commit of its transaction, never before.
            #expect(source.marks.map(\.handles) == (0..<25).map { [$0] })
            for (handles, committed) in source.marks {
                let end = min((handles[0] / 10 + 1) * 10, 25)
                #expect(committed >= end, "message \(handles[0]) marked with \(committed) committed")
            }
            #expect(try observer.messageCounts(since: nil).messages == 25)
        }
    }

    /// An IMAP source renews its lease between fetches: no transaction stays open while it reads.
    @Test func aSourceThatWritesWhileReadingHasEachBatchCommittedAtOnce() throws {
        try Self.withStores { store, observer in
            let source = RecordingSource(count: 6, observer: observer, writesWhileReading: true)
            _ = try Self.run(source, into: store)
            #expect(source.marks.map(\.handles) == (0..<6).map { [$0] })
            for (handles, committed) in source.marks { #expect(committed >= handles[0] + 1) }
            // Reading message i, at most the batches before the one in classification are committed.
            #expect(source.committedAtReads.last == 4)
        }
    }
}
