@testable import EventStore
import Foundation
import GRDB
import Testing

/// `DirectStatement` hands SQLite copies of its text and blob values that SQLite reads in place
/// (`BindArena`): every row must store exactly what was bound, across runs, values that fill a
/// chunk or need one of their own, empty values and values cut at a NUL.
@Suite("DirectStatement")
struct DirectStatementTests {
    @Test func rowsStoreWhatWasBound() throws {
        let queue = try DatabaseQueue()
        var expected: [(String, String?, Data?)] = []
        var state: UInt64 = 9
        func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(truncatingIfNeeded: state >> 33)
        }
        let sizes = [0, 1, 7, 100, 4000, 4096, 4097, 70_000]
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, b TEXT, c BLOB)")
            let statement = try DirectStatement(db, sql: "INSERT INTO t (a, b, c) VALUES (?, ?, ?)")
            for row in 0..<400 {
                let a = String(repeating: Character(UnicodeScalar(UInt8(97 + row % 26))), count: sizes[next() % sizes.count]) + "\u{E9}\(row)"
                let b: String? = row % 5 == 0 ? nil : "b\(row)" + String(repeating: "x", count: sizes[next() % sizes.count])
                let c: Data? = row % 7 == 0 ? nil : Data((0..<sizes[next() % sizes.count]).map { UInt8(truncatingIfNeeded: $0 &+ row) })
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
