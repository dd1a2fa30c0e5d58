import EventStore
import Foundation
import Ingest
import PostgresEventStore
import Testing

/// What only the PostgreSQL store has: a URL, a password from elsewhere, a server that may be
/// slow, gone, or shared by workers that start at once.
@Suite("PostgreSQL store")
struct PostgresStoreTests {
    /// The SHA-256 of every shipped migration of schema-postgres.sql, as SchemaTests pins
    /// schema.sql's: a database that has run a migration never runs it again, so a shipped one is
    /// never edited; a change is a new migration at the end of both files.
    static let shipped: [(name: String, sha256: String)] = [
        ("1 ledger, events, cursors", "0f33c8e8619ab3c64c1249f5d0cf87edf9b66d41988f09d1a14830a2c619821b"),
        ("2 outgoing mail, SMTP profiles, settings, matched events",
         "3f0c116bd827a92e6a1514c47b8ebd4c3e0855a0a9224be6ec7d355166403aaf"),
        ("3 the rule that decided each event's reason", "6643f5e2298f7a115da2f0998952e67d296fd04673022f762ea3ee44359d76b5"),
        ("4 the OAuth client each SMTP profile signs in with",
         "4a1108d321393e5314edecc11c6c5f880fd311c1dabe8c5937a50711c08817a1"),
        ("5 companies", "154e485af30ed486d330368d55c229d0209dba9887437d8e25ebb2ae05426daa"),
        ("6 leases", "2e21148213f30da3e3692a485d1d936591ef63d9b5873deae28575651089528c"),
        ("7 the ledger's source check without a temporary index",
         "62ce9f89ffb0836e7fc7106b7c6a2d52e96dbb06e83cf6cc55d2f7420490266a"),
    ]

    @Test func shippedPostgresMigrationsAreNeverEdited() {
        #expect(PostgresSchema.migrations.count >= Self.shipped.count)
        for (migration, shipped) in zip(PostgresSchema.migrations, Self.shipped) {
            #expect(migration.name == shipped.name, "migrations were reordered or renamed")
            #expect(MessageDigest.hex(MessageDigest.sha256(Array(migration.sql.utf8))) == shipped.sha256,
                    "migration '\(shipped.name)' has shipped: add a new migration at the end of schema-postgres.sql")
        }
    }

    @Test func aURLNamesUserHostPortAndDatabaseButNeverAPassword() throws {
        let plain = try PostgresLocation("postgresql://events@db.firm.ee/mailevents")
        #expect(plain.user == "events" && plain.host == "db.firm.ee" && plain.port == 5432 && plain.database == "mailevents")
        #expect(plain.tls == .verifyFull)
        #expect(plain.description == "postgresql://events@db.firm.ee:5432/mailevents")
        let local = try PostgresLocation("postgres://events@127.0.0.1:6543/ev?sslmode=verify-full&sslrootcert=/etc/ca.pem")
        #expect(local.port == 6543 && local.tls == .verifyFull && local.rootCertificates == "/etc/ca.pem")
        #expect(try PostgresLocation("postgresql://events@[::1]:5433/ev").tls == .disable)
        #expect(try PostgresLocation("postgresql://events@[::1]:5433/ev").description == "postgresql://events@[::1]:5433/ev")
        #expect(throws: PostgresLocation.Invalid.self) { try PostgresLocation("postgresql://db.firm.ee/ev") }
        #expect(throws: PostgresLocation.Invalid.self) { try PostgresLocation("postgresql://events@db.firm.ee/") }
        #expect(throws: PostgresLocation.Invalid.self) { try PostgresLocation("postgresql://events@db.firm.ee/ev?sslmode=prefer") }
        #expect {
            try PostgresLocation("postgresql://events:s3cret@db.firm.ee/ev")
        } throws: { error in
            let text = "\(error)"
            return !text.contains("s3cret") && text.contains("password does not belong in the URL")
        }
    }

    @Test func thePasswordFileFollowsLibpq() throws {
        let location = try PostgresLocation("postgresql://events@db.firm.ee:5432/ev")
        let file = """
            # comment
            other.host:5432:ev:events:wrong
            db.firm.ee:5432:*:events:pa\\:ss\\\\word
            *:*:*:*:fallback
            """
        #expect(PostgresPassword.conventional(for: location, environment: ["PGPASSWORD": "from-env"]) == "from-env")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pgpass-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("pgpass").path
        try Data(file.utf8).write(to: URL(fileURLWithPath: path))
        chmod(path, 0o600)
        #expect(PostgresPassword.conventional(for: location, environment: ["PGPASSFILE": path]) == "pa:ss\\word")
        let elsewhere = try PostgresLocation("postgresql://x@y.test/z")
        #expect(PostgresPassword.conventional(for: elsewhere, environment: ["PGPASSFILE": path]) == "fallback")
        chmod(path, 0o644) // readable by others: ignored, as libpq ignores it
        #expect(PostgresPassword.conventional(for: location, environment: ["PGPASSFILE": path]) == nil)
    }

    @Test func aServerThatDoesNotAnswerIsAClearErrorWithinTheTimeout() throws {
        let listener = try SilentListener()
        let location = try PostgresLocation("postgresql://events@127.0.0.1:\(listener.port)/ev")
        let started = Date()
        #expect {
            _ = try PostgresStore(location, password: "x", timeout: 1)
        } throws: { error in
            "\(error)".contains("got no answer within 1 s")
        }
        #expect(Date().timeIntervalSince(started) < 10)
    }

    @Test func nothingListeningIsAClearError() throws {
        let port = try SilentListener.unusedPort()
        let location = try PostgresLocation("postgresql://events@127.0.0.1:\(port)/ev")
        #expect {
            _ = try PostgresStore(location, password: "x", timeout: 5)
        } throws: { error in
            let text = "\(error)"
            return text.contains("cannot connect to the event database postgresql://events@127.0.0.1:\(port)/ev")
        }
    }
}

/// The tests that need the PostgreSQL test server.
@Suite("PostgreSQL store on a server", .enabled(if: PostgresTestServer.isAvailable, PostgresTestServer.unavailable))
struct PostgresServerTests {
    @Test func workersStartingAtOnceOnAnEmptyDatabaseApplyTheSchemaOnce() throws {
        let server = try PostgresTestServer.shared.get()
        let database = try server.database()
        defer { database.drop() }
        let failures = Mutexed<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 6) { _ in
            do { _ = try database.open() } catch { failures.update { $0.append("\(error)") } }
        }
        #expect(failures.value.isEmpty)
        let applied = try server.superuser("SELECT count(*) FROM schema_migrations", database: database.name)[""]
        #expect(applied?.trimmingCharacters(in: .whitespacesAndNewlines) == "\(PostgresSchema.migrations.count)")
    }

    @Test func aWrongPasswordIsRefusedClearly() throws {
        let server = try PostgresTestServer.shared.get()
        let database = try server.database()
        defer { database.drop() }
        #expect {
            _ = try PostgresStore(database.location, password: "not-the-password", timeout: 10)
        } throws: { error in
            let text = "\(error)"
            return text.contains("cannot connect") && text.contains("password authentication failed")
                && !text.contains("not-the-password")
        }
    }

    /// The server ending a session in the middle of a statement (pg_terminate_backend, as a
    /// shutdown does: SQLSTATE 57P01, sent before the socket closes) is a lost connection, worth
    /// trying again, not a failed statement; the next call reconnects.
    @Test func aSessionEndedMidStatementIsALostConnectionAndTheNextCallReconnects() throws {
        let server = try PostgresTestServer.shared.get()
        let database = try server.database()
        defer { database.drop() }
        let store = try database.open()
        _ = try store.settings()
        let sql: @Sendable (String) -> String = { query in
            (try? server.superuser(query, database: database.name)[""])?
                .trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        }
        let holder = DispatchGroup()
        DispatchQueue.global().async(group: holder) {
            _ = sql("BEGIN; LOCK TABLE settings IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(4); COMMIT;")
        }
        #expect(poll { sql("SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
            + "WHERE c.relname = 'settings' AND l.mode = 'AccessExclusiveLock' AND l.granted") == "1" })
        let outcome = Mutexed<Result<[Setting], any Error>?>(nil)
        let reader = DispatchGroup()
        DispatchQueue.global().async(group: reader) {
            let result = Result { try store.settings() }
            outcome.update { $0 = result }
        }
        // This test's database only: the other tests run meanwhile on the same server, and one of
        // them has sessions of its own waiting on locks (workers applying the schema at once).
        let waiting = "SELECT pid FROM pg_stat_activity WHERE usename = 'events' AND wait_event_type = 'Lock' "
            + "AND datname = '\(database.name)'"
        #expect(poll { !sql(waiting).isEmpty })
        _ = sql("SELECT pg_terminate_backend(pid) FROM (\(waiting)) AS w")
        reader.wait()
        holder.wait()
        guard case .failure(let error) = outcome.value else {
            Issue.record("the read should have failed: \(String(describing: outcome.value))")
            return
        }
        let storeError = try #require(error as? StoreError)
        #expect(storeError.isUnavailable, "\(storeError)")
        #expect("\(storeError)".contains("was lost"), "\(storeError)")
        #expect(try store.settings().isEmpty)
    }

    /// Polls `condition` every 50 ms for up to 20 s.
    private func poll(_ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            if condition() { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return false
    }

    @Test func readingADatabaseWithoutTheSchemaSaysToRunIngest() throws {
        let server = try PostgresTestServer.shared.get()
        let database = try server.database()
        defer { database.drop() }
        #expect {
            _ = try PostgresStore(readingAt: database.location, password: server.password, timeout: 10)
        } throws: { error in
            "\(error)".contains("its schema is older than this version of events")
        }
        _ = try database.open()
        _ = try PostgresStore(readingAt: database.location, password: server.password, timeout: 10)
    }
}
