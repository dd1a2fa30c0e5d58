import Foundation
import Testing

/// Several `events` workers sharing one PostgreSQL store (scripts/postgres-test-server): the
/// commands work the same as on SQLite, workers on one Maildir or one IMAP folder store every
/// message once even when one of them is killed mid-run, and a server restart during a run loses
/// nothing.
@Suite("events on PostgreSQL", .serialized, .enabled(if: PostgresServer.isAvailable, PostgresServer.unavailable))
struct PostgresWorkerTests {
    /// The same mail ingested into SQLite and into PostgreSQL lists, counts and shows the same.
    @Test func theCommandsDoNotKnowWhichEngine() throws {
        let server = try PostgresServer()
        let folder = try TestFolder()
        defer { folder.remove() }
        let sqlite = ["--db", folder("events.sqlite")]
        for (name, db) in [("a", sqlite), ("b", server.dbArguments)] {
            let maildir = try folder.maildir(name)
            try TestMessages.fill(maildir, count: 60, from: TestMessages.samples)
            let run = try EventsBinary.run(["ingest", "--maildir", maildir] + db)
            #expect(run.status == 0, "\(run.stderr)")
        }
        for command in [["list", "--format", "json"], ["list", "--failed", "--format", "csv"], ["stats", "--format", "json"],
                        ["show", "3"], ["list", "--recipient", "example.com", "--format", "tsv"]] {
            let onSQLite = try EventsBinary.run(command + sqlite)
            let onPostgres = try EventsBinary.run(command + server.dbArguments)
            #expect(onSQLite.status == 0 && onPostgres.status == 0, "\(command): \(onPostgres.stderr)")
            #expect(!onSQLite.stdout.isEmpty)
            // `show` names the Maildir file (each engine had its own Maildir) and when it was taken in.
            func comparable(_ text: String) -> String {
                text.replacingOccurrences(of: folder("a"), with: folder("b")).split(separator: "\n")
                    .filter { !$0.contains("Taken in:") }.joined(separator: "\n")
            }
            #expect(comparable(onPostgres.stdout) == comparable(onSQLite.stdout), "\(command)")
        }
        let reparse = try EventsBinary.run(["reparse"] + server.dbArguments)
        #expect(reparse.status == 0, "\(reparse.stderr)")
    }

    /// To a server that takes only TLS: verify-full with the test CA connects (also by the name
    /// localhost); another CA's trust is refused, saying why; no TLS is refused by the server.
    @Test func tlsIsVerifiedLikeIMAPs() throws {
        let server = try PostgresServer(tls: true)
        try server.requireTLS()
        let folder = try TestFolder()
        defer { folder.remove() }
        let maildir = try folder.maildir()
        try TestMessages.fill(maildir, count: 5, from: TestMessages.samples)
        func url(_ host: String, _ query: String) -> [String] {
            ["--db", "postgresql://events@\(host):\(server.port)/events?\(query)", "--db-password", server.passwordSource]
        }
        let verified = try EventsBinary.run(["ingest", "--maildir", maildir]
                                            + url("127.0.0.1", "sslmode=verify-full&sslrootcert=\(server.caFile)"))
        #expect(verified.status == 0, "\(verified.stderr)")
        let byName = try EventsBinary.run(["list"] + url("localhost", "sslmode=verify-full&sslrootcert=\(server.caFile)"))
        #expect(byName.status == 0, "\(byName.stderr)")
        #expect(byName.lines.count > 1)
        let otherCA = try EventsBinary.run(["list"] + url("127.0.0.1", "sslmode=verify-full&sslrootcert=\(server.otherCAFile)"))
        #expect(otherCA.status == 1)
        #expect(otherCA.stderr.contains("cannot connect to the event database"), "\(otherCA.stderr)")
        #expect(otherCA.stderr.lowercased().contains("certificate"), "\(otherCA.stderr)")
        let plain = try EventsBinary.run(["list"] + url("127.0.0.1", "sslmode=disable"))
        #expect(plain.status == 1)
        #expect(plain.stderr.contains("no encryption") || plain.stderr.contains("pg_hba.conf"), "\(plain.stderr)")
    }

    /// Support staff sign in with a role that may only read (README, Several hosts): the read
    /// commands work, a write is refused by the server and says so.
    @Test func supportStaffReadWithARoleThatMayOnlyRead() throws {
        let server = try PostgresServer()
        let folder = try TestFolder()
        defer { folder.remove() }
        let maildir = try folder.maildir()
        try TestMessages.fill(maildir, count: 12, from: TestMessages.samples)
        #expect(try EventsBinary.run(["ingest", "--maildir", maildir] + server.dbArguments).status == 0)
        let passwordFile = folder("support-password")
        try Data("support-\(UUID().uuidString)\n".utf8).write(to: URL(fileURLWithPath: passwordFile))
        chmod(passwordFile, 0o600)
        try server.superuser(script: """
            \\set password `cat '\(passwordFile)'`
            CREATE ROLE support LOGIN PASSWORD :'password';
            GRANT CONNECT ON DATABASE events TO support;
            GRANT USAGE ON SCHEMA public TO support;
            GRANT SELECT ON ALL TABLES IN SCHEMA public TO support;
            """)
        let support = ["--db", server.url.replacingOccurrences(of: "events@", with: "support@"),
                       "--db-password", "file:" + passwordFile]
        let list = try EventsBinary.run(["list", "--failed", "--format", "tsv"] + support)
        #expect(list.status == 0, "\(list.stderr)")
        #expect(list.lines.count == 7, "\(list.stdout)")
        #expect(try EventsBinary.run(["stats"] + support).status == 0)
        #expect(try EventsBinary.run(["show", "1"] + support).status == 0)
        let write = try EventsBinary.run(["config", "set", "event-domain", "events.example"] + support)
        #expect(write.status == 1)
        #expect(write.stderr.contains("permission denied"), "\(write.stderr)")
    }

    /// Three workers take the same Maildir at once (all of it, or in 8 parts each claimed by one
    /// worker at a time); one is killed mid-run; the other two finish, taking over its part when
    /// its lease runs out: every message is stored once and marked processed.
    @Test(arguments: [1, 8]) func threeWorkersOnOneMaildirOneKilled(shards: Int) throws {
        let server = try PostgresServer()
        let folder = try TestFolder()
        defer { folder.remove() }
        let maildir = try folder.maildir()
        let count = 1_200
        try TestMessages.fill(maildir, count: count)
        let arguments = ["ingest", "--maildir", maildir, "--batch-size", "20", "--shards", "\(shards)", "--lease", "3"]
            + server.dbArguments
        let workers = try (0..<3).map { _ in try BackgroundEvents(arguments, environment: [:]) }
        #expect(try waitUntil(seconds: 60) { (try? server.query("SELECT count(*) FROM ledger")).flatMap { Int($0) } ?? 0 > 0 })
        kill(workers[0].process.processIdentifier, SIGKILL)
        #expect(workers[1].waitForExit(seconds: 180) == 0, "\(workers[1].stderr)")
        #expect(workers[2].waitForExit(seconds: 180) == 0, "\(workers[2].stderr)")
        _ = workers[0].waitForExit(seconds: 5)
        #expect(try server.query("SELECT count(*), count(DISTINCT sha256) FROM ledger") == "\(count)|\(count)")
        #expect(folder.names(maildir + "/new").count == 0, "left behind")
        #expect(folder.names(maildir + "/cur").count == count)
        #expect(folder.names(maildir + "/cur").allSatisfy { $0.hasSuffix(":2,S") })
    }

    /// Three workers watch one IMAP folder; one reads it at a time (a lease in the store). The
    /// reader is killed mid-run: once its lease runs out another takes the folder over from the
    /// last committed cursor, and every message is stored once and marked seen.
    @Test(.enabled(if: DovecotServer.isAvailable, DovecotServer.unavailable))
    func threeWorkersOnOneIMAPFolderTheReaderKilled() throws {
        let server = try PostgresServer()
        let imap = try DovecotServer()
        let count = 900
        try imap.deliver(IMAPIngestTests.messages(count, tag: "workers"))
        let arguments = imap.ingestArguments(db: server.url, ["--db-password", server.passwordSource, "--watch",
                                                               "--lease", "5", "--batch-size", "20"])
        let workers = try (0..<3).map { _ in try BackgroundEvents(arguments, environment: [:]) }
        defer { for worker in workers where worker.process.isRunning { kill(worker.process.processIdentifier, SIGKILL) } }
        func stored() -> Int { (try? server.query("SELECT count(*) FROM ledger")).flatMap { Int($0) } ?? 0 }
        #expect(try waitUntil(seconds: 60) { stored() > 0 })
        // The reader is the holder of the folder's lease ("HOST pid N #…").
        let holder = try server.query("SELECT holder FROM leases")
        let reader = workers.firstIndex { holder.contains("pid \($0.process.processIdentifier) ") }
        #expect(reader != nil, "lease holder '\(holder)'")
        guard let reader else { return }
        kill(workers[reader].process.processIdentifier, SIGKILL)
        let killedAt = stored()
        #expect(killedAt < count, "the reader finished before it was killed")
        #expect(try waitUntil(seconds: 120) { stored() == count && imap.unseen.isEmpty })
        let taker = try server.query("SELECT holder FROM leases")
        #expect(!taker.contains("pid \(workers[reader].process.processIdentifier) "))
        for (index, worker) in workers.enumerated() where index != reader {
            worker.process.terminate()
            #expect(worker.waitForExit(seconds: 30) == 0, "\(worker.stderr)")
        }
        #expect(try server.query("SELECT count(*), count(DISTINCT sha256) FROM ledger") == "\(count)|\(count)")
        #expect(imap.unseen.isEmpty)
    }

    /// A worker watching an IMAP folder rides out a database restart: it says it cannot store,
    /// keeps running, and stores what arrived meanwhile once the server is back.
    @Test(.enabled(if: DovecotServer.isAvailable, DovecotServer.unavailable))
    func aWatchingWorkerRidesOutADatabaseRestart() throws {
        let server = try PostgresServer()
        let imap = try DovecotServer()
        try imap.deliver(IMAPIngestTests.messages(20, tag: "before"))
        let worker = try BackgroundEvents(imap.ingestArguments(db: server.url, [
            "--db-password", server.passwordSource, "--watch", "--db-timeout", "3",
        ]), environment: [:])
        defer { if worker.process.isRunning { kill(worker.process.processIdentifier, SIGKILL) } }
        func stored() -> Int { (try? server.query("SELECT count(*) FROM ledger")).flatMap { Int($0) } ?? 0 }
        #expect(try waitUntil(seconds: 60) { stored() == 20 })
        try server.stop()
        try imap.deliver(IMAPIngestTests.messages(10, tag: "during"))
        #expect(worker.waitForErrorLine(seconds: 60) { $0.contains("trying again") } != nil, "\(worker.stderr)")
        #expect(worker.process.isRunning)
        try server.start()
        #expect(try waitUntil(seconds: 90) { stored() == 30 && imap.unseen.isEmpty }, "\(worker.stderr)")
        worker.process.terminate()
        #expect(worker.waitForExit(seconds: 30) == 0)
    }

    /// PostgreSQL stops in the middle of a run: the run fails saying so, what was committed stays
    /// and nothing else is marked; once the server is back, the next run stores the rest.
    @Test func aServerRestartDuringARunLosesNothing() throws {
        let server = try PostgresServer()
        let folder = try TestFolder()
        defer { folder.remove() }
        let maildir = try folder.maildir()
        let count = 1_500
        try TestMessages.fill(maildir, count: count)
        let arguments = ["ingest", "--maildir", maildir, "--batch-size", "10", "--db-timeout", "5"] + server.dbArguments
        let run = try BackgroundEvents(arguments, environment: [:])
        #expect(try waitUntil(seconds: 60) { (try? server.query("SELECT count(*) FROM ledger")).flatMap { Int($0) } ?? 0 > 0 })
        try server.stop()
        let status = run.waitForExit(seconds: 60)
        #expect(status == 1)
        #expect(run.stderr.contains("event database postgresql://events@127.0.0.1"), "\(run.stderr)")
        #expect(!run.stderr.contains("Fatal error"))
        let marked = folder.names(maildir + "/cur").count
        #expect(marked < count, "the run ended before the server stopped")
        try server.start()
        let stored = try Int(server.query("SELECT count(*) FROM ledger")) ?? -1
        #expect(stored >= marked, "a message was marked processed without being stored")
        let again = try EventsBinary.run(arguments)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try server.query("SELECT count(*), count(DISTINCT sha256) FROM ledger") == "\(count)|\(count)")
        #expect(folder.names(maildir + "/new").count == 0)
    }

    /// Polls `condition` every 50 ms for up to `seconds`.
    func waitUntil(seconds: Double, _ condition: () throws -> Bool) throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try condition() { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return try condition()
    }
}
