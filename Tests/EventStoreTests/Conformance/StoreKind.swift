import EventStore
import Foundation
import Testing

/// A kind of store the conformance suite runs against, making a fresh empty store per test.
struct StoreKind: Sendable, CustomTestStringConvertible {
    let name: String
    let make: @Sendable () throws -> OpenedStore
    var testDescription: String { name }
}

/// A store made for one test and what removes it afterwards (its folder, its database): `close()`,
/// or the last reference going away.
final class OpenedStore {
    let store: any EventStore
    private var remove: (() -> Void)?

    init(store: any EventStore, remove: @escaping () -> Void) {
        self.store = store
        self.remove = remove
    }

    /// Removes the store; later calls do nothing.
    func close() {
        let remove = self.remove
        self.remove = nil
        remove?()
    }

    deinit { close() }
}

/// The kinds every conformance test runs against: SQLite, and PostgreSQL where PostgreSQL 15 is
/// installed (CI installs it; without it the PostgreSQL cases are not generated, and the
/// PostgreSQL suites say they are skipped).
enum StoreKinds {
    static var all: [StoreKind] { PostgresTestServer.isAvailable ? [.sqlite, .postgres] : [.sqlite] }
}

extension StoreKind {
    /// `SQLiteStore` on `events.sqlite` in a new temporary folder, removed with the folder.
    static let sqlite = StoreKind(name: "SQLite") {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("conformance-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        do {
            let store = try SQLiteStore(path: folder.appendingPathComponent("events.sqlite").path)
            return OpenedStore(store: store) { try? FileManager.default.removeItem(at: folder) }
        } catch {
            try? FileManager.default.removeItem(at: folder)
            throw error
        }
    }
}

extension StoreKind {
    /// `PostgresStore` on a new database of the test server (started once for the test process),
    /// dropped afterwards.
    static let postgres = StoreKind(name: "PostgreSQL") {
        let database = try PostgresTestServer.shared.get().database()
        do {
            let store = try database.open()
            return OpenedStore(store: store) { database.drop() }
        } catch {
            database.drop()
            throw error
        }
    }
}

/// Runs `body` with a fresh empty store of `kind`, removed afterwards.
func withFreshStore(_ kind: StoreKind, _ body: (any EventStore) throws -> Void) throws {
    let opened = try kind.make()
    defer { opened.close() }
    try body(opened.store)
}
