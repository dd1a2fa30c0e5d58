import Foundation
import GRDB
import Testing

/// `events ingest --imap` end to end: the built binary against a real Dovecot on 127.0.0.1.
@Suite("events ingest --imap", .serialized, .enabled(if: DovecotServer.isAvailable, DovecotServer.unavailable))
struct IMAPIngestTests {
    /// `count` distinct messages from the samples (and the corpus where present).
    static func messages(_ count: Int, tag: String = "imap") -> [Data] {
        let pool = TestMessages.samples + TestMessages.corpus
        return (0..<count).map { TestMessages.withMessageID(pool[$0 % pool.count].bytes, "\(tag)-\($0)@test.invalid") }
    }

    static func ledger(_ db: String) throws -> (rows: Int, distinct: Int, refs: [String]) {
        let queue = try DatabaseQueue(path: db)
        return try queue.read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM ledger WHERE source_kind = 'imap'")!,
             try Int.fetchOne(db, sql: "SELECT count(DISTINCT sha256) FROM ledger")!,
             try String.fetchAll(db, sql: "SELECT source_ref FROM ledger ORDER BY id"))
        }
    }

    @Test func ingestsOnceThenNothingAndMarksSeen() throws {
        let server = try DovecotServer()
        let folder = try TestFolder()
        defer { folder.remove() }
        try server.deliver(Self.messages(30))
        let db = folder("events.sqlite")

        let first = try EventsBinary.run(server.ingestArguments(db: db))
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.lines.last?.hasPrefix("ingest: 30 messages read, 30 stored, 0 duplicates skipped") == true, "\(first.stdout)")
        let ledger = try Self.ledger(db)
        #expect(ledger.rows == 30)
        #expect(ledger.refs.first?.hasPrefix("\(server.user)@127.0.0.1:\(server.imapsPort)/INBOX/") == true)
        #expect(server.unseen.isEmpty, "\(server.unseen)")

        let second = try EventsBinary.run(server.ingestArguments(db: db))
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.lines.last?.hasPrefix("ingest: 0 messages read, 0 stored") == true, "\(second.stdout)")

        // New mail after the cursor is all the next run reads.
        try server.deliver(Self.messages(3, tag: "later"))
        let third = try EventsBinary.run(server.ingestArguments(db: db))
        #expect(third.lines.last?.hasPrefix("ingest: 3 messages read, 3 stored") == true, "\(third.stdout)")
        #expect(try Self.ledger(db).rows == 33)
    }

    /// One catch-all IMAP mailbox serves every company: each message goes to the company its
    /// Delivered-To names; a message for no known company is kept unattributed.
    @Test func oneMailboxServesEveryCompany() throws {
        let server = try DovecotServer()
        let folder = try TestFolder()
        defer { folder.remove() }
        let db = folder("events.sqlite")
        #expect(try EventsBinary.run(["config", "company", "add", "acme", "beta", "--db", db]).status == 0)
        let names = ["acme", "beta", "nobody"]
        try server.deliver(Self.messages(9, tag: "companies").enumerated().map { index, message in
            Data("Delivered-To: \(names[index % 3])+m1r0.k.x@event.data.directo.ee\n".utf8) + message
        })
        let run = try EventsBinary.run(server.ingestArguments(db: db))
        #expect(run.lines.last?.hasPrefix("ingest: 9 messages read, 9 stored") == true, "\(run.stdout)\(run.stderr)")
        #expect(run.stderr.contains("3 message(s) were delivered to an event address that names no company"), "\(run.stderr)")
        let counts = try DatabaseQueue(path: db).read { db in
            try Row.fetchAll(db, sql: """
                SELECT companies.name, COUNT(*) FROM ledger LEFT JOIN companies ON companies.id = ledger.company_id
                GROUP BY ledger.company_id ORDER BY companies.name
                """).map { "\(($0[0] as String?) ?? "-"): \($0[1] as Int)" }
        }
        #expect(counts == ["-: 3", "acme: 3", "beta: 3"])
    }

    @Test func startTLSAndPlainLoopbackAndAfterNone() throws {
        let server = try DovecotServer()
        let folder = try TestFolder()
        defer { folder.remove() }
        try server.deliver(Self.messages(5))
        let starttls = try EventsBinary.run(["ingest", "--db", folder("a.sqlite"), "--imap",
                                             "imap://\(server.user)@127.0.0.1:\(server.imapPort)/INBOX",
                                             "--ca-file", server.caFile, "--after", "none"],
                                            environment: ["EVENTS_IMAP_PASSWORD": server["PASSWORD"]])
        #expect(starttls.status == 0, "\(starttls.stderr)")
        #expect(starttls.lines.last?.hasPrefix("ingest: 5 messages read, 5 stored") == true)
        #expect(server.unseen.count == 5) // --after none leaves them alone

        let plain = try EventsBinary.run(["ingest", "--db", folder("b.sqlite"), "--imap",
                                          "imap://\(server.user)@127.0.0.1:\(server.imapPort)/INBOX",
                                          "--tls", "none", "--password-file", server.passwordFile])
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(plain.lines.last?.hasPrefix("ingest: 5 messages read, 5 stored") == true)
        #expect(server.unseen.isEmpty)

        let remote = try EventsBinary.run(["ingest", "--db", folder("c.sqlite"), "--imap", "imap://u@imap.example.com/INBOX",
                                           "--tls", "none", "--password-file", server.passwordFile])
        #expect(remote.status == 1)
        #expect(remote.stderr.contains("--tls none would send the password and the mail in clear to imap.example.com"))
    }

    @Test func afterMoveMovesToProcessed() throws {
        let server = try DovecotServer()
        let folder = try TestFolder()
        defer { folder.remove() }
        try server.deliver(Self.messages(12))
        let run = try EventsBinary.run(server.ingestArguments(db: folder("e.sqlite"), ["--after", "move:Processed"]))
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.lines.last?.hasPrefix("ingest: 12 messages read, 12 stored") == true)
        #expect(server.messages().isEmpty, "\(server.messages())")
        #expect(server.messages(in: "Processed").count == 12)
    }

    @Test func afterDeleteExpunges() throws {
        let server = try DovecotServer()
        let folder = try TestFolder()
        defer { folder.remove() }
        try server.deliver(Self.messages(4))
        let run = try EventsBinary.run(server.ingestArguments(db: folder("e.sqlite"), ["--after", "delete"]))
        #expect(run.status == 0, "\(run.stderr)")
        #expect(server.messages().isEmpty)
        #expect(try Self.ledger(folder("e.sqlite")).rows == 4)
    }

    @Test func wrongPasswordIsExplained() throws {
        let server = try DovecotServer()
        let folder = try TestFolder()
        defer { folder.remove() }
        let run = try EventsBinary.run(["ingest", "--db", folder("e.sqlite"), "--imap", server.imapsURL(),
                                        "--ca-file", server.caFile, "--password-file", try server.secretFile("bad", "wrong")])
        #expect(run.status == 1)
        #expect(run.stderr.contains("events: the server refused the login of \(server.user): Authentication failed. "), "\(run.stderr)")
        #expect(run.stderr.contains("Check the password"))
    }

    /// RFC 4959/4954: a 4 KB token goes after the server's continuation, not on the command line.
    @Test func aFourKilobyteTokenIsSentAfterTheContinuation() throws {
        let server = try DovecotServer()
        let folder = try TestFolder()
        defer { folder.remove() }
        try server.deliver(Self.messages(2))
        #expect(server["LONG_OAUTH_TOKEN"].utf8.count >= 4_096)
        let url = "imaps://\(server["LONG_OAUTH_USER"])@127.0.0.1:\(server.imapsPort)/INBOX"
        let run = try EventsBinary.run(["ingest", "--db", folder("e.sqlite"), "--imap", url, "--ca-file", server.caFile,
                                        "--oauth2-token-file", try server.secretFile("long-token", server["LONG_OAUTH_TOKEN"])])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.lines.last?.hasPrefix("ingest: 2 messages read, 2 stored") == true, "\(run.stdout)")
    }

    @Test func xoauth2TokenWorksAndARejectedOneIsDecoded() throws {
        let server = try DovecotServer()
        let folder = try TestFolder()
        defer { folder.remove() }
        try server.deliver(Self.messages(3))
        let url = "imaps://\(server["OAUTH_USER"])@127.0.0.1:\(server.imapsPort)/INBOX"
        let good = try EventsBinary.run(["ingest", "--db", folder("e.sqlite"), "--imap", url, "--ca-file", server.caFile,
                                         "--oauth2-token-command", "printf '%s\\n' '\(server["OAUTH_TOKEN"])'"])
        #expect(good.status == 0, "\(good.stderr)")
        #expect(good.lines.last?.hasPrefix("ingest: 3 messages read, 3 stored") == true)

        let bad = try EventsBinary.run(["ingest", "--db", folder("e.sqlite"), "--imap", url, "--ca-file", server.caFile,
                                        "--oauth2-token-file", try server.secretFile("token", "expired-token")])
        #expect(bad.status == 1)
        // Dovecot's `+ eyJ…` challenge, answered, decoded, and the final NO read.
        #expect(bad.stderr.contains("events: the server refused the OAuth2 token for \(server["OAUTH_USER"]): status 401 "
                                    + "(token invalid or expired), scope mail, schemes bearer; it said: [AUTHENTICATIONFAILED] "
                                    + "Authentication failed. Refresh the access token; if refreshing fails, re-authorise "
                                    + "the mailbox"), "\(bad.stderr)")
        #expect(!bad.stderr.contains("334"))

        let failing = try EventsBinary.run(["ingest", "--db", folder("e.sqlite"), "--imap", url, "--ca-file", server.caFile,
                                            "--oauth2-token-command", "echo 'refresh token revoked' >&2; exit 3"])
        #expect(failing.status == 1)
        #expect(failing.stderr.contains("the OAuth2 token command failed (exit 3): refresh token revoked"))
    }

    @Test func unknownCAIsRefusedBeforeLogin() throws {
        let server = try DovecotServer()
        let folder = try TestFolder()
        defer { folder.remove() }
        try server.deliver(Self.messages(2))
        let run = try EventsBinary.run(["ingest", "--db", folder("e.sqlite"), "--imap", server.imapsURL(),
                                        "--ca-file", server.otherCAFile, "--password-file", server.passwordFile])
        #expect(run.status == 1)
        #expect(run.stderr.contains("certificate rejected, nothing was sent"), "\(run.stderr)")
        #expect(run.stderr.contains("--ca-file"))
        #expect(server.unseen.count == 2)

        // (A host name the certificate does not list is refused the same way: CertificateTrustTests.)
        // --insecure goes ahead, and says so.
        let insecure = try EventsBinary.run(["ingest", "--db", folder("e.sqlite"), "--imap", server.imapsURL(),
                                             "--insecure", "--password-file", server.passwordFile])
        #expect(insecure.status == 0, "\(insecure.stderr)")
        #expect(insecure.stderr.contains("warning"))
        #expect(insecure.stderr.contains("--insecure: accepting unverified certificate for 127.0.0.1"))
    }

    @Test func missingFolderAndRefusedConnectionAndTimeout() throws {
        let server = try DovecotServer()
        let folder = try TestFolder()
        defer { folder.remove() }
        let missing = try EventsBinary.run(server.ingestArguments(db: folder("e.sqlite"), folder: "NoSuchFolder"))
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("cannot open folder \"NoSuchFolder\""), "\(missing.stderr)")

        let silent = try SilentListener()
        let started = Date()
        let hung = try EventsBinary.run(["ingest", "--db", folder("e.sqlite"), "--imap",
                                         "imaps://u@127.0.0.1:\(silent.port)/INBOX", "--ca-file", server.caFile,
                                         "--password-file", server.passwordFile, "--timeout", "2"])
        #expect(hung.status == 1)
        #expect(hung.stderr.contains("did not answer within 2 s"), "\(hung.stderr)")
        #expect(Date().timeIntervalSince(started) < 15)

        try server.stop()
        let down = try EventsBinary.run(server.ingestArguments(db: folder("e.sqlite")))
        #expect(down.status == 1)
        #expect(down.stderr.contains("cannot connect to 127.0.0.1:\(server.imapsPort)"), "\(down.stderr)")
    }

    @Test func serverRestartBetweenRunsAndUIDValidityChange() throws {
        let server = try DovecotServer()
        let folder = try TestFolder()
        defer { folder.remove() }
        let db = folder("e.sqlite")
        try server.deliver(Self.messages(10))
        #expect(try EventsBinary.run(server.ingestArguments(db: db, ["--after", "none"])).status == 0)
        try server.restart()
        try server.deliver(Self.messages(2, tag: "after-restart"))
        let again = try EventsBinary.run(server.ingestArguments(db: db, ["--after", "none"]))
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.lines.last?.hasPrefix("ingest: 2 messages read, 2 stored, 0 duplicates") == true, "\(again.stdout)")

        // A new UIDVALIDITY (the server lost its UID list): everything is read again, nothing stored twice.
        try server.stop()
        for name in try FileManager.default.contentsOfDirectory(atPath: server.maildir) where name.hasPrefix("dovecot") {
            try FileManager.default.removeItem(atPath: server.maildir + "/" + name)
        }
        try server.restart()
        let rescan = try EventsBinary.run(server.ingestArguments(db: db))
        #expect(rescan.status == 0, "\(rescan.stderr)")
        #expect(rescan.stderr.contains("UIDVALIDITY changed"), "\(rescan.stderr)")
        #expect(rescan.lines.last?.hasPrefix("ingest: 12 messages read, 0 stored, 12 duplicates skipped") == true, "\(rescan.stdout)")
        #expect(try Self.ledger(db).rows == 12)
        #expect(server.unseen.isEmpty)
    }

    @Test func connectionDroppedMidBatchLosesAndDuplicatesNothing() throws {
        let server = try DovecotServer()
        let folder = try TestFolder()
        defer { folder.remove() }
        let db = folder("e.sqlite")
        try server.deliver(Self.messages(60))
        let proxy = try DroppingProxy(to: UInt16(server.imapsPort)!, dropAfter: 120_000)
        let cut = try EventsBinary.run(["ingest", "--db", db, "--imap", "imaps://\(server.user)@127.0.0.1:\(proxy.port)/INBOX",
                                        "--ca-file", server.caFile, "--password-file", server.passwordFile,
                                        "--batch-size", "10"])
        #expect(cut.status == 1)
        #expect(cut.stderr.contains("the connection to 127.0.0.1:\(proxy.port) was lost"), "\(cut.stderr)")
        let stored = try Self.ledger(db).rows
        #expect(stored > 0 && stored < 60, "stored \(stored)")

        let rest = try EventsBinary.run(server.ingestArguments(db: db, ["--batch-size", "10"]))
        #expect(rest.status == 0, "\(rest.stderr)")
        let ledger = try Self.ledger(db)
        #expect(ledger.rows == 60)
        #expect(ledger.distinct == 60)
        #expect(server.unseen.isEmpty)
    }

    @Test func killedMidBatchThenRerunLosesAndDuplicatesNothing() throws {
        let server = try DovecotServer()
        let folder = try TestFolder()
        defer { folder.remove() }
        let db = folder("e.sqlite")
        let total = 3000
        try server.deliver(Self.messages(total))
        let process = try EventsBinary.start(server.ingestArguments(db: db, ["--batch-size", "50"]))
        let deadline = Date().addingTimeInterval(60)
        var seen = 0
        while Date() < deadline, process.isRunning {
            seen = (try? Self.ledger(db).rows) ?? 0
            if seen >= 100 { break }
            usleep(20_000)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(seen < total, "the run finished before it could be killed")

        let rest = try EventsBinary.run(server.ingestArguments(db: db))
        #expect(rest.status == 0, "\(rest.stderr)")
        let ledger = try Self.ledger(db)
        #expect(ledger.rows == total)
        #expect(ledger.distinct == total)
        #expect(server.unseen.isEmpty)
    }

    @Test func watchPicksUpNewMailAndStopsOnSIGTERM() throws {
        let server = try DovecotServer()
        let folder = try TestFolder()
        defer { folder.remove() }
        let db = folder("e.sqlite")
        try server.deliver(Self.messages(3))
        let process = try EventsBinary.start(server.ingestArguments(db: db, ["--watch"]))
        func waitFor(_ rows: Int) -> Bool {
            let deadline = Date().addingTimeInterval(30)
            while Date() < deadline {
                if (try? Self.ledger(db).rows) == rows { return true }
                usleep(50_000)
            }
            return false
        }
        #expect(waitFor(3))
        try server.deliver(Self.messages(1, tag: "while-watching"))
        #expect(waitFor(4))
        #expect(process.isRunning)
        kill(process.processIdentifier, SIGTERM)
        let deadline = Date().addingTimeInterval(10)
        while process.isRunning, Date() < deadline { usleep(20_000) }
        #expect(!process.isRunning)
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(server.unseen.isEmpty)
    }

    @Test func configFileIsAllATimerNeeds() throws {
        let server = try DovecotServer()
        let folder = try TestFolder()
        defer { folder.remove() }
        try server.deliver(Self.messages(2))
        let config = folder("config")
        try Data("""
            # the event mailbox
            imap = \(server.imapsURL())
            ca-file = \(server.caFile)
            password-file = \(server.passwordFile)
            db = \(folder("e.sqlite"))
            after = move:Done
            """.utf8).write(to: URL(fileURLWithPath: config))
        let run = try EventsBinary.run(["ingest"], environment: ["EVENTS_CONFIG": config])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.lines.last?.hasPrefix("ingest: 2 messages read, 2 stored") == true)
        #expect(server.messages(in: "Done").count == 2)
    }
}
