@testable import EventStore
import Foundation
import GRDB
import Testing

/// A database `SQLiteStore` creates has pages of `SQLiteStore.pageSize`; one made before keeps
/// the size it has (SQLite cannot change it in WAL mode), and both work.
@Suite("Page size")
struct PageSizeTests {
    @Test func aNewDatabaseHasEightKilobytePages() throws {
        try EventStoreTests.withStore { (store: SQLiteStore, path: String) throws in
            _ = try store.store([(EventStoreTests.entry("one"), [])])
            #expect(try DurabilityTests.setting("page_size", of: store) == 8192)
        }
    }

    @Test func anExistingDatabaseKeepsItsPages() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("page-size-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("events.sqlite").path
        // A database of 4 KB pages in WAL mode, as earlier versions made them.
        var configuration = Configuration()
        configuration.prepareDatabase { try $0.execute(sql: "PRAGMA page_size = 4096") }
        try DatabasePool(path: path, configuration: configuration).write { try $0.execute(sql: "CREATE TABLE before (x)") }
        let store = try SQLiteStore(path: path)
        #expect(try DurabilityTests.setting("page_size", of: store) == 4096)
        let results = try store.store([(EventStoreTests.entry("one"), [])])
        #expect(results.count == 1)
        #expect(try store.messageCounts(since: nil).messages == 1)
    }
}
