import Foundation
import GRDB
#if canImport(GRDBSQLite)
import GRDBSQLite
#else
import SQLite3
#endif

/// The event database on one machine: one SQLite file in WAL mode, created on first use with `schema.sql` applied.
/// Writes go through one connection; reads see a consistent snapshot while a run writes. Another
/// process holding the write lock is waited for up to `busyTimeout` seconds.
public final class SQLiteStore: EventStore {
    /// The database file.
    public let path: String
    public var location: String { path }
    /// Seconds to wait for another process's write to finish before giving up.
    public let busyTimeout: Int
    private let pool: DatabasePool
    /// The page size of a database this store creates, in bytes.
    static let pageSize = 8192
    /// The page cache of each connection, in KB (`PRAGMA cache_size`; scripts/lib/bench_floor.py
    /// opens its database with the same).
    static let cacheKilobytes = 8192
    /// SQLite's default: a commit that leaves this many pages in the log checkpoints it.
    static let automaticCheckpointPages: CInt = 1000

    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    public init(path: String, busyTimeout: Int = 60) throws(StoreError) {
        self.path = path
        self.busyTimeout = busyTimeout
        var configuration = Configuration()
        configuration.busyMode = .timeout(TimeInterval(busyTimeout))
        configuration.label = "events"
        // A storing run's transaction stays open on the writer between its batches
        // (`SQLiteStoringTransaction`); GRDB otherwise stops a process that leaves one open.
        configuration.allowsUnsafeTransactions = true
        configuration.prepareDatabase { db in
            // A new database gets pages of 8 KB (an existing one keeps its own): a message of up
            // to about 8 KB fits in its ledger row's page, where one of more than 4 KB spilled
            // into overflow pages, and the indexes a storing run updates in no order have half as
            // many pages to read and write. Set before GRDB turns the file to WAL mode, its first
            // write.
            try db.execute(sql: "PRAGMA page_size = \(Self.pageSize)")
            // 8 MB of page cache rather than 2 MB: the inner pages of the indexes a storing run
            // updates stay in memory, and fewer of the leaf pages it changes in no order are
            // spilled to the log before its commit and read back from there. Ingesting 100,000
            // messages (scripts/trace-ingest-io) read pages back from the log 256,830 times with
            // 8 MB against 384,966 with 4 MB and wrote pages to it 268,883 times against 397,461;
            // scripts/bench-ingest: 0.97 of the time, peak RSS 55.0 MiB against 53.7. A cap, so
            // memory does not grow with the database; the rest is read from the file system's
            // cache when needed.
            try db.execute(sql: "PRAGMA cache_size = -\(Self.cacheKilobytes)")
            Self.keepWALFiles(db)
        }
        pool = try Self.openPool(path: path, configuration: configuration, busyTimeout: busyTimeout)
        try makeCommitsDurable()
        try migrate()
    }

    /// In WAL mode `synchronous = FULL` syncs the log at each commit, so a committed message
    /// survives a power loss before its source is marked processed. Storing runs commit in
    /// batches, so this costs one sync per batch, not per message. Set on the writer connection
    /// once the pool is open: GRDB turns a pool's writer to WAL mode after `prepareDatabase` has
    /// run and sets `synchronous = NORMAL` there (durable at checkpoints only), which would undo
    /// a setting made in `prepareDatabase`.
    private func makeCommitsDurable() throws(StoreError) {
        do {
            try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        } catch {
            throw StoreError.wrapping(error, action: "opening", path: path, busyTimeout: busyTimeout)
        }
    }

    /// Opens the database at `path` for reading only: nothing is created, migrated or written, so
    /// a user who may only read the file (support staff in the `mailevents` group) can use it. The
    /// database must exist and have the current schema.
    public init(readingAt path: String, busyTimeout: Int = 60) throws(StoreError) {
        self.path = path
        self.busyTimeout = busyTimeout
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(TimeInterval(busyTimeout))
        configuration.label = "events"
        pool = try Self.openPool(path: path, configuration: configuration, busyTimeout: busyTimeout)
        var migrator = DatabaseMigrator()
        for migration in Schema.migrations { migrator.registerMigration(migration.name) { _ in } }
        let current: Bool
        do {
            current = try pool.read { try migrator.hasCompletedMigrations($0) }
        } catch {
            throw StoreError.wrapping(error, action: "opening", path: path, busyTimeout: busyTimeout)
        }
        if !current {
            throw StoreError.cannotOpen(path, reason: "its schema is older than this version of events; "
                                        + "a run that writes (events ingest) brings it up to date")
        }
    }

    /// Keeps the `-wal` and `-shm` files when the last writer closes (SQLITE_FCNTL_PERSIST_WAL).
    /// A reader without write access to the database's folder cannot create them, and SQLite opens
    /// a WAL database read-only only when they exist; the files get the database file's own mode
    /// and owner, so whoever may read the database may read them.
    private static func keepWALFiles(_ db: Database) {
        var persist: CInt = 1
        _ = sqlite3_file_control(db.sqliteConnection, "main", SQLITE_FCNTL_PERSIST_WAL, &persist)
    }

    /// Opens the connection pool. Turning a new database to WAL mode takes a lock that SQLite does
    /// not wait for, so when another process creates the same database at the same moment, this
    /// tries again until the busy timeout has passed.
    private static func openPool(path: String, configuration: Configuration, busyTimeout: Int) throws(StoreError) -> DatabasePool {
        let deadline = Date().addingTimeInterval(TimeInterval(busyTimeout))
        while true {
            do {
                return try DatabasePool(path: path, configuration: configuration)
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY && Date() < deadline {
                usleep(20_000)
            } catch {
                throw StoreError.wrapping(error, action: "opening", path: path, busyTimeout: busyTimeout)
            }
        }
    }

    /// Applies the migrations in `schema.sql` that this database has not had yet. Two processes may
    /// both find a new database unmigrated: the second's attempt then fails on tables the first
    /// created (or on the lock), and it looks again until the busy timeout has passed.
    private func migrate() throws(StoreError) {
        var migrator = DatabaseMigrator()
        for migration in Schema.migrations {
            let sql = migration.sql
            migrator.registerMigration(migration.name) { db in try db.execute(sql: sql) }
        }
        let deadline = Date().addingTimeInterval(TimeInterval(busyTimeout))
        while true {
            do {
                try migrator.migrate(pool)
                return
            } catch {
                let done = (try? pool.read { try migrator.hasCompletedMigrations($0) }) ?? false
                if done { return }
                if Date() >= deadline {
                    throw StoreError.wrapping(error, action: "applying the schema", path: path, busyTimeout: busyTimeout)
                }
                usleep(20_000)
            }
        }
    }

    /// Runs `body` on the writer connection. Each `WriteSession` call is its own transaction, but
    /// for a storing run's (`SQLiteStoringTransaction`).
    func writing<T>(_ action: String, _ body: (WriteSession) throws -> T) throws(StoreError) -> T {
        do {
            return try pool.writeWithoutTransaction { db in try body(WriteSession(db: db)) }
        } catch {
            throw StoreError.wrapping(error, action: action, path: path, busyTimeout: busyTimeout)
        }
    }

    /// Runs `body` in a read-only snapshot of the database.
    public func reading<T>(_ action: String, _ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try pool.read { db in try body(db) }
        } catch {
            throw StoreError.wrapping(error, action: action, path: path, busyTimeout: busyTimeout)
        }
    }
}

// MARK: Storing runs

extension SQLiteStore {
    /// Stores a batch and returns once it is committed and on disk. The log (WAL) is folded into
    /// the database file afterwards, on the writer's queue, while the caller marks the batch and
    /// reads the next one (`checkpointInBackground`).
    public func store(_ messages: [StoredMessage], advancing cursor: Cursor?) throws(StoreError) -> [StoreResult] {
        let results = try writing("storing messages") { session in try session.store(messages, advancing: cursor) }
        checkpointInBackground()
        return results
    }

    public func storingTransaction() -> any StoringTransaction {
        SQLiteStoringTransaction(store: self)
    }

    /// A passive checkpoint of the log, queued behind the writes before it. SQLite would run one
    /// inside any commit that leaves 1,000 pages or more in the log (its automatic checkpoint),
    /// on the storing thread; here the storing run goes on meanwhile, and the next write waits for
    /// it on the writer's queue, so the log is folded in and starts again from its beginning
    /// before it grows: it stays about the size of one batch.
    /// A checkpoint that cannot finish (a reader still uses the log's end) leaves the rest for
    /// the next one; the commit was durable without it.
    func checkpointInBackground() {
        pool.asyncWriteWithoutTransaction { db in
            _ = try? db.checkpoint(.passive)
        }
    }

    public func save(_ cursor: Cursor) throws(StoreError) {
        try writing("saving the cursor of \(cursor.source)") { session in try session.save(cursor) }
    }

    public func replaceEvents(_ replacements: [EventReplacement], parserVersion: String) throws(StoreError) {
        try writing("replacing events") { session in try session.replaceEvents(replacements, parserVersion: parserVersion) }
    }

    public func pruneRaw(receivedBefore date: Date, company: CompanySelection,
                         now: Date) throws(StoreError) -> (messages: Int, bytes: Int) {
        try writing("pruning raw messages") { session in
            try session.pruneRaw(receivedBefore: date, company: company, now: now)
        }
    }
}
