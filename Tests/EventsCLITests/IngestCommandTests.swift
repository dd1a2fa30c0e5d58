import EventStore
import Foundation
import GRDB
import Testing

/// `events ingest` end to end: the built binary on temporary Maildirs and databases.
@Suite("events ingest")
struct IngestCommandTests {
    @Test func maildirIsStoredAndMarkedProcessed() throws {
        let folder = try TestFolder()
        defer { folder.remove() }
        let maildir = try folder.maildir()
        for sample in TestMessages.samples {
            try sample.bytes.write(to: URL(fileURLWithPath: maildir + "/new/" + sample.name))
        }
        // A message a mail client moved to cur/ without reading it, and one already seen.
        try TestMessages.bounce(to: "late@remote.test", date: Date()).write(to: URL(fileURLWithPath: maildir + "/cur/9.host:2,F"))
        try Data("Subject: seen\n\nx\n".utf8).write(to: URL(fileURLWithPath: maildir + "/cur/8.host:2,S"))

        let db = folder("events.sqlite")
        let first = try EventsBinary.run(["ingest", "--db", db, "--maildir", maildir])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.isEmpty)
        #expect(first.lines.count == 1)
        let summary = try #require(first.lines.first)
        #expect(summary.hasPrefix("ingest: 6 messages read, 6 stored, 0 duplicates skipped, 0 unrecognised, 0 failed; events: bounce 4, delay 1, delivered 1; "))
        #expect(summary.hasSuffix(" s"))
        #expect(folder.names(maildir + "/new").isEmpty)
        #expect(folder.names(maildir + "/cur") == ["8.host:2,S", "9.host:2,FS"] + TestMessages.samples.map { $0.name + ":2,S" }.sorted())

        let again = try EventsBinary.run(["ingest", "--db", db, "--maildir", maildir])
        #expect(again.status == 0)
        #expect(again.lines.first?.hasPrefix("ingest: 0 messages read, 0 stored, 0 duplicates skipped") == true)

        // The same messages delivered again are recognised by their SHA-256 and not stored twice.
        let copy = try folder.maildir("Copy")
        for sample in TestMessages.samples {
            try sample.bytes.write(to: URL(fileURLWithPath: copy + "/new/" + sample.name))
        }
        let duplicates = try EventsBinary.run(["ingest", "--db", db, "--maildir", copy])
        #expect(duplicates.status == 0)
        #expect(duplicates.lines.first?.hasPrefix("ingest: 5 messages read, 0 stored, 5 duplicates skipped") == true)
        #expect(folder.names(copy + "/new").isEmpty)
        let store = try SQLiteStore(path: db)
        #expect(try store.messageCounts(since: nil).messages == 6)
    }

    @Test func processedFolderReceivesTheMessages() throws {
        let folder = try TestFolder()
        defer { folder.remove() }
        let maildir = try folder.maildir()
        try TestMessages.fill(maildir, count: 3)
        let processed = folder("Processed")
        let result = try EventsBinary.run(["ingest", "--db", folder("e.sqlite"), "--maildir", maildir,
                                           "--processed-folder", processed])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(folder.names(maildir + "/new").isEmpty)
        #expect(folder.names(maildir + "/cur").isEmpty)
        #expect(folder.names(processed) == ["cur", "new", "tmp"])
        #expect(folder.names(processed + "/cur").count == 3)
        #expect(folder.names(processed + "/cur").allSatisfy { $0.hasSuffix(":2,S") })
    }

    @Test func standardInputCarriesOneMessageOrAnMboxStream() throws {
        let folder = try TestFolder()
        defer { folder.remove() }
        let db = folder("e.sqlite")
        var mbox = Data("From MAILER-DAEMON Mon Nov  2 10:00:00 2026\n".utf8) + TestMessages.sample("delayed.eml")
        mbox += Data("\nFrom MAILER-DAEMON Mon Nov  2 10:00:01 2026\n".utf8) + TestMessages.sample("unknown-local-user.eml")
        let result = try EventsBinary.run(["ingest", "--db", db, "-"], stdin: mbox)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.lines.first?.hasPrefix("ingest: 2 messages read, 2 stored, 0 duplicates skipped, 0 unrecognised, 0 failed; events: bounce 1, delay 1;") == true)

        let stray = try EventsBinary.run(["ingest", "--db", db, "-"], stdin: Data("From: a@b.example\nSubject: hi\n\nhello\n".utf8))
        #expect(stray.status == 0)
        #expect(stray.lines.first?.contains("1 stored, 0 duplicates skipped, 1 unrecognised, 0 failed; events: unrecognized 1;") == true)

        let empty = try EventsBinary.run(["ingest", "--db", db, "-"], stdin: Data())
        #expect(empty.status == 0)
        #expect(empty.lines.first?.hasPrefix("ingest: 0 messages read, 0 stored,") == true)

        let list = try EventsBinary.run(["list", "--db", db, "--kind", "unrecognized", "--format", "json"])
        let events = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        #expect(events.count == 1)
        let id = try #require(events.first?["id"] as? Int)
        let show = try EventsBinary.run(["show", "--db", db, String(id)])
        #expect(show.stdout.contains("from standard input, message 1"))
        #expect(show.stdout.contains("Size:            37 bytes, kept"))
    }

    @Test func aMissingMaildirFailsWithExitOne() throws {
        let folder = try TestFolder()
        defer { folder.remove() }
        let result = try EventsBinary.run(["ingest", "--db", folder("e.sqlite"), "--maildir", folder("nowhere")])
        #expect(result.status == 1)
        #expect(result.stderr.contains("cannot read '\(folder("nowhere"))'"))
        #expect(result.stderr.contains("No such file or directory"))

        let plain = folder("plain")
        try FileManager.default.createDirectory(atPath: plain, withIntermediateDirectories: true)
        let notMaildir = try EventsBinary.run(["ingest", "--db", folder("e.sqlite"), "--maildir", plain])
        #expect(notMaildir.status == 1)
        #expect(notMaildir.stderr.contains("is not a Maildir"))
    }

    @Test func anUnwritableDatabasePathFailsWithExitOne() throws {
        let folder = try TestFolder()
        defer { folder.remove() }
        let maildir = try folder.maildir()
        try TestMessages.fill(maildir, count: 2)
        // A path below a regular file cannot be created, even by root.
        try Data("x".utf8).write(to: URL(fileURLWithPath: folder("file")))
        let db = folder("file") + "/events.sqlite"
        let result = try EventsBinary.run(["ingest", "--db", db, "--maildir", maildir])
        #expect(result.status == 1)
        #expect(result.stderr.contains("cannot open the event database '\(db)'"))
        #expect(result.stderr.contains("--db PATH or EVENTS_DB"))
        #expect(folder.names(maildir + "/new").count == 2, "nothing may be marked processed")
    }

    @Test func anUnreadableMessageIsReportedAndTheRestStored() throws {
        let folder = try TestFolder()
        defer { folder.remove() }
        let maildir = try folder.maildir()
        try TestMessages.fill(maildir, count: 3)
        // A folder where a message file should be cannot be read, whoever runs the test.
        try FileManager.default.createDirectory(atPath: maildir + "/new/0.broken", withIntermediateDirectories: false)
        let result = try EventsBinary.run(["ingest", "--db", folder("e.sqlite"), "--maildir", maildir])
        #expect(result.status == 1)
        #expect(result.stderr.contains("cannot read '\(maildir)/new/0.broken'"))
        #expect(result.lines.first?.hasPrefix("ingest: 3 messages read, 3 stored, 0 duplicates skipped, 0 unrecognised, 1 failed;") == true)
        #expect(folder.names(maildir + "/new") == ["0.broken"])
    }

    @Test func theDatabaseLocationFollowsEventsDBThenXDG() throws {
        let folder = try TestFolder()
        defer { folder.remove() }
        let input = TestMessages.sample("delivered.eml")
        let viaVariable = try EventsBinary.run(["ingest", "-"], stdin: input, environment: ["EVENTS_DB": folder("env.sqlite")])
        #expect(viaVariable.status == 0, "\(viaVariable.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder("env.sqlite")))

        let viaXDG = try EventsBinary.run(["ingest", "-"], stdin: input, environment: ["XDG_DATA_HOME": folder("data")])
        #expect(viaXDG.status == 0, "\(viaXDG.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder("data/mailevents/events.sqlite")))

        let viaHome = try EventsBinary.run(["ingest", "-"], stdin: input, environment: ["XDG_DATA_HOME": "", "HOME": folder("home")])
        #expect(viaHome.status == 0, "\(viaHome.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder("home/.local/share/mailevents/events.sqlite")))

        let viaOption = try EventsBinary.run(["list", "--db", folder("option.sqlite")], environment: ["EVENTS_DB": folder("env.sqlite")])
        #expect(viaOption.status == 1, "a read command never creates the database")
        #expect(viaOption.stderr.contains("no event database at \(folder("option.sqlite")) (from the option --db)"))
    }

    @Test(arguments: [
        ["ingest"], ["ingest", "--maildir", "x", "-"], ["ingest", "file.eml"], ["ingest", "-", "--processed-folder", "p"],
        ["ingest", "--busy-timeout", "-1", "-"], ["ingest", "--batch-size", "0", "-"],
    ])
    func usageErrorsExitWithTwo(_ arguments: [String]) throws {
        let result = try EventsBinary.run(arguments)
        #expect(result.status == 2)
        #expect(result.stderr.contains("Error"))
        #expect(result.stdout.isEmpty)
    }

    @Test func overlappingRunsStoreEachMessageOnce() throws {
        let folder = try TestFolder()
        defer { folder.remove() }
        let maildir = try folder.maildir()
        try TestMessages.fill(maildir, count: 600)
        let db = folder("e.sqlite")
        let runs = try (0..<3).map { _ in
            try EventsBinary.start(["ingest", "--db", db, "--maildir", maildir, "--batch-size", "50"])
        }
        for run in runs { run.waitUntilExit() }
        #expect(runs.map(\.terminationStatus) == [0, 0, 0])
        #expect(folder.names(maildir + "/new").isEmpty)
        #expect(folder.names(maildir + "/cur").count == 600)
        let store = try SQLiteStore(path: db)
        #expect(try store.messageCounts(since: nil).messages == 600)
    }

    /// A batch that cannot be stored ends the run: the batches before it stored and marked, it and
    /// every later one neither (none committed after it), and a re-run takes the rest.
    @Test func aBatchThatCannotBeStoredEndsTheRunWithNothingLostOrOutOfOrder() throws {
        let folder = try TestFolder()
        defer { folder.remove() }
        let maildir = try folder.maildir()
        let names = try TestMessages.fill(maildir, count: 300)
        let db = folder("e.sqlite")
        _ = try SQLiteStore(path: db)
        // The 171st message (of the fourth batch of 50, in name order) cannot be stored.
        let poisoned = names[170].split(separator: ".")[1]
        let queue = try DatabaseQueue(path: db)
        try queue.write { connection in
            try connection.execute(sql: """
                CREATE TRIGGER poison BEFORE INSERT ON ledger WHEN NEW.source_ref LIKE '%.\(poisoned).%'
                BEGIN SELECT RAISE(ABORT, 'this message may not be stored'); END
                """)
        }
        let failed = try EventsBinary.run(["ingest", "--db", db, "--maildir", maildir, "--batch-size", "50"])
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("this message may not be stored"), "\(failed.stderr)")
        #expect(Set(folder.names(maildir + "/cur").map { String($0.prefix { $0 != ":" }) }) == Set(names[..<150]))
        #expect(Set(folder.names(maildir + "/new")) == Set(names[150...]))
        let store = try SQLiteStore(path: db)
        #expect(try store.messageCounts(since: nil).messages == 150)

        try queue.write { try $0.execute(sql: "DROP TRIGGER poison") }
        let again = try EventsBinary.run(["ingest", "--db", db, "--maildir", maildir, "--batch-size", "50"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.lines.first?.hasPrefix("ingest: 150 messages read, 150 stored, 0 duplicates skipped") == true)
        #expect(folder.names(maildir + "/new").isEmpty)
        #expect(try store.messageCounts(since: nil).messages == 300)
    }

    @Test func aLockedDatabaseIsWaitedForThenReportedClearly() throws {
        let folder = try TestFolder()
        defer { folder.remove() }
        let db = folder("e.sqlite")
        _ = try SQLiteStore(path: db)
        let holder = try DatabaseQueue(path: db)
        try holder.writeWithoutTransaction { connection in
            try connection.execute(sql: "BEGIN IMMEDIATE")
            let result = try EventsBinary.run(["ingest", "--db", db, "--busy-timeout", "1", "-"],
                                              stdin: TestMessages.sample("delivered.eml"))
            #expect(result.status == 1)
            #expect(result.stderr.contains("stayed locked by another process for 1 s"))
            try connection.execute(sql: "ROLLBACK")
        }
        let later = try EventsBinary.run(["ingest", "--db", db, "-"], stdin: TestMessages.sample("delivered.eml"))
        #expect(later.status == 0)
        #expect(later.lines.first?.contains("1 stored") == true)
    }
}
