import EventStore
import Foundation
import GRDB
import Testing

/// What no message or file in a mailbox may do: stop a run, be lost, or make ingestion read
/// outside the Maildir. The built binary, end to end.
@Suite("hostile input")
struct HostileInputTests {
    /// Faults the worker injects when `EVENTS_TEST_FAULTS=1` (see TestFaults in the Ingest module).
    static let crashing = Data("From: x@y.test\nSubject: crash\nX-Events-Test-Fault: crash\n\nbody\n".utf8)
    static let hanging = Data("From: x@y.test\nSubject: hang\nX-Events-Test-Fault: hang\n\nbody\n".utf8)

    @Test func aMessageThatCrashesOrStallsTheParserCostsOnlyThatMessage() throws {
        let folder = try TestFolder()
        defer { folder.remove() }
        let maildir = try folder.maildir()
        let good = try TestMessages.fill(maildir, count: 40)
        try Self.crashing.write(to: URL(fileURLWithPath: maildir + "/new/0000.crash"))
        try Self.hanging.write(to: URL(fileURLWithPath: maildir + "/new/0001.hang"))
        let db = folder("events.sqlite")
        let result = try EventsBinary.run(["ingest", "--db", db, "--maildir", maildir, "--message-time-limit", "2"],
                                          environment: ["EVENTS_TEST_FAULTS": "1"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.lines.first?.hasPrefix("ingest: \(good.count + 2) messages read, \(good.count + 2) stored") == true,
                "\(result.stdout)")
        #expect(folder.names(maildir + "/new").isEmpty)

        let causes = try DatabaseQueue(path: db).read { db in
            try [String: String](uniqueKeysWithValues: Row.fetchAll(db, sql: """
                SELECT l.source_ref, e.cause FROM events e JOIN ledger l ON l.id = e.ledger_id
                WHERE e.kind = 'unrecognized' AND e.detector = 'isolation'
                """).map { (String($0["source_ref"] as String).split(separator: "/").last.map(String.init) ?? "", $0["cause"]) })
        }
        #expect(causes.count == 2)
        #expect(causes["0000.crash"]?.hasPrefix("the parser crashed on this message (") == true, "\(causes)")
        #expect(causes["0001.hang"] == "parsing took longer than the per-message limit of 2 s; the message is kept unparsed")
        // The raw bytes are kept for support.
        let raw = try DatabaseQueue(path: db).read { db in
            try Data.fetchOne(db, sql: "SELECT raw FROM ledger WHERE source_ref LIKE '%0000.crash'")
        }
        #expect(raw == Self.crashing)
        // Without the faults the same messages are classified as usual: the isolation is not what decided.
        let parse = try EventsBinary.run(["parse", maildir])
        #expect(parse.status == 0)
        #expect(!parse.stdout.contains("\"detector\":\"isolation\""))
    }

    /// Both lanes losing their worker at once, again and again, in one batch.
    @Test func manyCrashingMessagesInOneBatch() throws {
        let folder = try TestFolder()
        defer { folder.remove() }
        let maildir = try folder.maildir()
        let good = try TestMessages.fill(maildir, count: 10)
        for index in 0..<12 {
            var message = Self.crashing
            message.append(contentsOf: Array("\(index)\n".utf8))
            try message.write(to: URL(fileURLWithPath: maildir + "/new/\(index)0.crash"))
        }
        let result = try EventsBinary.run(["ingest", "--db", folder("e.sqlite"), "--maildir", maildir],
                                          environment: ["EVENTS_TEST_FAULTS": "1"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.lines.first?.hasPrefix("ingest: \(good.count + 12) messages read, \(good.count + 12) stored, "
            + "0 duplicates skipped, 12 unrecognised") == true, "\(result.stdout)")
        #expect(folder.names(maildir + "/new").isEmpty)
    }

    /// Requests and answers larger than a pipe holds, in both directions at once: the parent sends
    /// a worker its next message while the worker answers the one before, and neither may wait for
    /// the other. Messages of 3 MB alternate with reports on 700 recipients (answers of about 500 KB).
    @Test func largeMessagesAndLargeAnswersPassBetweenParentAndWorkers() throws {
        let folder = try TestFolder()
        defer { folder.remove() }
        let maildir = try folder.maildir()
        let large = Data(("From: a@b.test\nSubject: large\n\n" + String(repeating: "x123456789\n", count: 300_000)).utf8)
        var report = "From: MAILER-DAEMON@mx.test\nTo: s@b.test\nSubject: Undelivered Mail Returned to Sender\n"
            + "MIME-Version: 1.0\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\n\n"
            + "--B\nContent-Type: text/plain\n\nI could not deliver your message.\n\n"
            + "--B\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.test\n"
        for index in 0..<700 {
            report += "\nFinal-Recipient: rfc822; user\(index)@remote.test\nAction: failed\nStatus: 5.1.1\n"
                + "Diagnostic-Code: smtp; 550 5.1.1 <user\(index)@remote.test>: Recipient address rejected: "
                + "User unknown in virtual mailbox table\n"
        }
        report += "\n--B--\n"
        for index in 0..<6 {
            let message = index.isMultiple(of: 2) ? large + Data("\(index)\n".utf8) : Data((report + "\(index)\n").utf8)
            try message.write(to: URL(fileURLWithPath: maildir + "/new/\(index).big"))
        }
        let result = try EventsBinary.run(["ingest", "--db", folder("e.sqlite"), "--maildir", maildir, "--batch-size", "6"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.lines.first?.hasPrefix("ingest: 6 messages read, 6 stored, 0 duplicates skipped, 3 unrecognised") == true,
                "\(result.stdout)")
        let bounces = try DatabaseQueue(path: folder("e.sqlite")).read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM events WHERE kind = 'bounce' AND reason = 'userunknown'")
        }
        #expect(bounces == 3 * 700)
    }

    @Test func parseGoesOnPastACrashingMessage() throws {
        let folder = try TestFolder()
        defer { folder.remove() }
        try Self.crashing.write(to: URL(fileURLWithPath: folder("a.eml")))
        try TestMessages.sample("expired.eml").write(to: URL(fileURLWithPath: folder("b.eml")))
        let result = try EventsBinary.run(["parse", folder.path], environment: ["EVENTS_TEST_FAULTS": "1"])
        #expect(result.status == 0)
        #expect(result.lines.count == 2)
        #expect(result.lines[0].contains("\"kind\":\"unrecognized\"") && result.lines[0].contains("the parser crashed"))
        #expect(result.lines[1].contains("\"kind\":\"bounce\""))
    }

    @Test func linksAndOtherNonFilesInAMaildirAreNotFollowedAndStayInPlace() throws {
        let folder = try TestFolder()
        defer { folder.remove() }
        let maildir = try folder.maildir()
        let secret = folder("secret.txt")
        try Data("Subject: secret\n\nroot:$6$hash\n".utf8).write(to: URL(fileURLWithPath: secret))
        try FileManager.default.createSymbolicLink(atPath: maildir + "/new/1.link", withDestinationPath: secret)
        try FileManager.default.createSymbolicLink(atPath: maildir + "/cur/2.link:2,", withDestinationPath: secret)
        #expect(mkfifo(maildir + "/new/3.fifo", 0o600) == 0)
        try TestMessages.sample("expired.eml").write(to: URL(fileURLWithPath: maildir + "/new/4.real"))
        let db = folder("events.sqlite")
        let result = try EventsBinary.run(["ingest", "--db", db, "--maildir", maildir])
        #expect(result.status == 1)
        #expect(result.stderr.contains("1.link': is a symbolic link, not a message file; it was not followed"))
        #expect(result.stderr.contains("2.link:2,': is a symbolic link"))
        #expect(result.stderr.contains("3.fifo': is not a regular file"))
        #expect(result.lines.first?.hasPrefix("ingest: 1 messages read, 1 stored") == true, "\(result.stdout)")
        #expect(folder.names(maildir + "/new") == ["1.link", "3.fifo"])
        let stored = try DatabaseQueue(path: db).read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM ledger WHERE instr(raw, 'root:') > 0") ?? -1
        }
        #expect(stored == 0)
    }

    @Test func aStreamCutInsideAMessageStoresWhatCameAndSaysSo() throws {
        let folder = try TestFolder()
        defer { folder.remove() }
        let db = folder("events.sqlite")
        let whole = String(decoding: TestMessages.sample("expired.eml"), as: UTF8.self)
        let stream = "From MAILER-DAEMON Mon Nov  2 10:00:00 2026\n" + whole + "\nFrom MAILER-DAEMON Mon Nov  2 10:00:01 2026\n"
            + String(whole.prefix(300))
        let result = try EventsBinary.run(["ingest", "--db", db, "-"], stdin: Data(stream.utf8))
        #expect(result.status == 1)
        #expect(result.stderr.contains("the input ended inside message 2 (after 300 bytes, in the middle of a line)"))
        #expect(result.lines.first?.hasPrefix("ingest: 2 messages read, 2 stored, 0 duplicates skipped, 1 unrecognised, 1 failed") == true,
                "\(result.stdout)")
        let cut = try DatabaseQueue(path: db).read { db in
            try Row.fetchOne(db, sql: "SELECT e.cause, e.detector, l.size FROM events e JOIN ledger l ON l.id = e.ledger_id WHERE l.source_ref = '2'")
        }
        #expect(cut?["detector"] == "input")
        #expect((cut?["cause"] as String?)?.contains("it was cut short") == true)
        #expect(cut?["size"] == 300)

        // A whole stream ending in a line break is not cut, and parse says the same as ingest.
        let parse = try EventsBinary.run(["parse", "-"], stdin: Data(stream.utf8))
        #expect(parse.status == 1)
        #expect(parse.lines.count == 2)
        #expect(parse.lines[1].contains("cut short"))
        let complete = try EventsBinary.run(["parse", "-"], stdin: Data((stream + "\n").utf8))
        #expect(complete.status == 0)
    }
}
