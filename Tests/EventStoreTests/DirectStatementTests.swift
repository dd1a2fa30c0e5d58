@testable import EventStore
import Foundation
import GRDB
import TestSupport
import Testing

/// `DirectStatement` hands SQLite copies of its text and blob values that SQLite reads in place
/// (`BindArena`): every row must store exactly what was bound, across runs, values that fill a
/// chunk or need one of their own, empty values and values cut at a NUL.
@Suite("DirectStatement")
struct DirectStatementTests {
    @Test func rowsStoreWhatWasBound() throws {
        let queue = try DatabaseQueue()
        var expected: [(String, String?, Data?)] = []
        var random = FixedSequence(seed: 9)
        let sizes = [0, 1, 7, 100, 4000, 4096, 4097, 70_000]
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, b TEXT, c BLOB)")
            let statement = try DirectStatement(db, sql: "INSERT INTO t (a, b, c) VALUES (?, ?, ?)")
            for row in 0..<400 {
                let a = String(repeating: Character(UnicodeScalar(UInt8(97 + row % 26))), count: sizes[random.next() % sizes.count]) + "\u{E9}\(row)"
                let b: String? = row % 5 == 0 ? nil : "b\(row)" + String(repeating: "x", count: sizes[random.next() % sizes.count])
                let c: Data? = row % 7 == 0 ? nil : Data((0..<sizes[random.next() % sizes.count]).map { UInt8(truncatingIfNeeded: $0 &+ row) })
                statement.bind(a)
                statement.bind(b)
                statement.bind(c)
                try statement.execute()
                expected.append((a, b, c.map { $0.isEmpty ? Data() : $0 }))
            }
            // Text ends at its first NUL, as GRDB binds a String.
            statement.bind("before\u{0}after")
            statement.bind("")
            statement.bind(Data([1, 2, 3]))
            try statement.execute()
            expected.append(("before", "", Data([1, 2, 3])))
        }
        let rows = try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT a, b, c FROM t ORDER BY id").map { row -> (String, String?, Data?) in
                (row["a"], row["b"], row["c"])
            }
        }
        #expect(rows.count == expected.count)
        for (row, wanted) in zip(rows, expected) {
            #expect(row.0 == wanted.0 && row.1 == wanted.1 && row.2 == wanted.2)
        }
    }
}

/// The arena's chunks: values copied whole and kept until reset, chunks reused after it, larger
/// values given chunks of their own that are given back at the reset.
@Suite("BindArena")
struct BindArenaTests {
    @Test func copiesStayUntilResetAndLargeChunksGoBack() {
        var arena = BindArena()
        var copies: [(UnsafeRawPointer, [UInt8])] = []
        for size in [10, 4000, 100, 9000, 1, 4096, 20_000, 3] {
            let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ size) }
            let copy = bytes.withUnsafeBytes { arena.copy($0) }
            copies.append((copy, bytes))
        }
        for (copy, bytes) in copies {
            #expect(Array(UnsafeRawBufferPointer(start: copy, count: bytes.count)) == bytes)
        }
        #expect(arena.chunkSizes.contains { $0 > BindArena.chunkBytes })
        arena.reset()
        #expect(arena.chunkSizes.allSatisfy { $0 == BindArena.chunkBytes } && arena.chunkSizes.count <= BindArena.keptChunks)
        let first = arena.chunkSizes.isEmpty ? nil : [UInt8](repeating: 9, count: 8).withUnsafeBytes { arena.copy($0) }
        #expect(first.map { copy in copies.contains { $0.0 == copy } } ?? false, "a reset arena reuses its first chunk")
    }
}
