import Foundation
import GRDB
import Testing

/// `events ingest` killed with SIGKILL at random points over a 2,000-message Maildir, then run
/// again, ends with the same events as an uninterrupted run: no message left unprocessed, none
/// stored twice.
@Suite("crash safety")
struct CrashSafetyTests {
    static let messages = 2_000

    @Test func killedRunsLoseNothingAndStoreNothingTwice() throws {
        let folder = try TestFolder()
        defer { folder.remove() }
        let reference = try folder.maildir("Reference")
        let crashed = try folder.maildir("Crashed")
        try TestMessages.fill(reference, count: Self.messages)
        try TestMessages.fill(crashed, count: Self.messages)

        let started = Date()
        let uninterrupted = try EventsBinary.run(["ingest", "--db", folder("reference.sqlite"), "--maildir", reference])
        #expect(uninterrupted.status == 0, "\(uninterrupted.stderr)")
        let duration = Date().timeIntervalSince(started)

        let seed = UInt64(Date().timeIntervalSince1970 * 1000)
        var random = SplitMix64(seed: seed)
        var kills = 0, interruptedMidway = 0
        var remaining = Self.messages
        // Every other run is killed once it has visibly made progress (a batch marked processed),
        // after a further random delay; the others after a random delay from their start (during
        // start-up, opening the database, the first batch). So kills land in every phase.
        // Batch sizes vary from run to run, so commits end at different messages each time.
        while remaining > 0, kills < 40 {
            let batchSize = [1024, 100, 37, 256][kills % 4]
            let run = try EventsBinary.start(["ingest", "--db", folder("crashed.sqlite"), "--maildir", crashed,
                                              "--batch-size", String(batchSize)])
            if kills % 2 == 0 {
                while run.isRunning, folder.names(crashed + "/new").count >= remaining { usleep(2_000) }
                usleep(UInt32(duration * Double.random(in: 0...0.04, using: &random) * 1_000_000))
            } else {
                usleep(UInt32(duration * Double.random(in: 0...0.15, using: &random) * 1_000_000))
            }
            kill(run.processIdentifier, SIGKILL)
            run.waitUntilExit()
            if run.terminationReason == .uncaughtSignal { kills += 1 }
            let left = folder.names(crashed + "/new").count
            if run.terminationReason == .uncaughtSignal, left > 0, left < remaining { interruptedMidway += 1 }
            remaining = left
        }
        let final = try EventsBinary.run(["ingest", "--db", folder("crashed.sqlite"), "--maildir", crashed, "--batch-size", "64"])
        #expect(final.status == 0, "\(final.stderr)")
        print("crash safety: \(kills) kills, \(interruptedMidway) of them mid-run; seed \(seed)")
        #expect(interruptedMidway > 0, "no kill landed in the middle of a run (seed \(seed))")

        #expect(folder.names(crashed + "/new").isEmpty, "seed \(seed)")
        let processed = folder.names(crashed + "/cur")
        #expect(processed.count == Self.messages, "seed \(seed)")
        #expect(processed.allSatisfy { $0.hasSuffix(":2,S") }, "seed \(seed)")

        let expected = try Self.eventsByMessage(folder("reference.sqlite"))
        let actual = try Self.eventsByMessage(folder("crashed.sqlite"))
        #expect(expected.count == Self.messages)
        #expect(actual.count == Self.messages, "seed \(seed)")
        let differing = Set(expected.keys).union(actual.keys).filter { actual[$0] != expected[$0] }.sorted()
        #expect(differing.isEmpty, "\(differing.count) messages' events differ, e.g. \(differing.prefix(3)) (seed \(seed))")
        #expect(try Self.ledgerRows(folder("crashed.sqlite")) == Self.messages, "a message was stored twice (seed \(seed))")
    }

    /// Each message's unique Maildir name → its SHA-256 and events, as comparable text.
    static func eventsByMessage(_ path: String) throws -> [String: [String]] {
        let rows = try DatabaseQueue(path: path).read { db in
            try Row.fetchAll(db, sql: """
                SELECT l.source_ref, hex(l.sha256) AS sha, e.kind, e.recipient, e.reason, e.status, e.reply_code,
                       e.action, e.diagnostic, e.remote_mta, e.original_message_id, e.detector
                FROM ledger l JOIN events e ON e.ledger_id = l.id ORDER BY e.id
                """)
        }
        var result: [String: [String]] = [:]
        for row in rows {
            let ref: String = row["source_ref"]
            let name = String(ref.split(separator: "/").last?.split(separator: ":").first ?? "")
            let values = row.databaseValues.dropFirst().map(\.description)
            result[name, default: []].append(values.joined(separator: "|"))
        }
        return result
    }

    static func ledgerRows(_ path: String) throws -> Int {
        try DatabaseQueue(path: path).read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM ledger") ?? 0 }
    }
}

/// A seedable generator (SplitMix64), so a failing seed can be replayed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
