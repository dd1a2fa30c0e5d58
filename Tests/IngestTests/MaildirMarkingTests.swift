import Foundation
import Ingest
import Testing

/// Which Maildir files are taken in, and how they are marked processed (maildir(5)).
@Suite("Maildir marking")
struct MaildirMarkingTests {
    @Test(arguments: [
        ("new", "1700000000.M1P2.host", "1700000000.M1P2.host:2,S"),
        ("cur", "1700000000.M1P2.host:2,", "1700000000.M1P2.host:2,S"),
        ("cur", "1700000000.M1P2.host:2,F", "1700000000.M1P2.host:2,FS"),
        ("cur", "1700000000.M1P2.host:2,TR", "1700000000.M1P2.host:2,RST"),
        ("cur", "1700000000.M1P2.host:2,S", "1700000000.M1P2.host:2,S"),
        ("cur", "1700000000.M1P2.host,S=1234:2,a", "1700000000.M1P2.host,S=1234:2,Sa"),
    ])
    func seenNames(_ folder: String, _ name: String, _ expected: String) {
        #expect(Maildir.seenName(MaildirFile(maildir: "/m", folder: folder, name: name)) == expected)
    }

    /// Seen is the flag letter S after `:2,`, in that case only, wherever it sits among the flags.
    @Test(arguments: [
        ("1.M1.host:2,S", true), ("1.M1.host:2,FS", true), ("1.M1.host:2,ST", true), ("1.M1.host,S=12:2,S", true),
        ("1.M1.host:2,", false), ("1.M1.host", false), ("1.M1.host:2,s", false), ("1.M1.host:1,S", false),
        ("1.M1.host,S=12:2,F", false), ("1.M1.host:2,RT", false),
    ])
    func seenIsTheSFlag(_ name: String, _ seen: Bool) {
        let file = MaildirFile(maildir: "/m", folder: "cur", name: name)
        #expect(file.isSeen == seen)
        #expect(file.path == "/m/cur/" + name)
    }

    @Test func newAndUnseenCurAreTakenInAndMovedOnce() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("maildir-test-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        for sub in ["tmp", "new", "cur"] {
            try FileManager.default.createDirectory(atPath: root + "/" + sub, withIntermediateDirectories: true)
        }
        for name in ["tmp/0.host", "new/1.host", "cur/2.host:2,F", "cur/3.host:2,S", "cur/4.host"] {
            try Data("Subject: x\n\nx\n".utf8).write(to: URL(fileURLWithPath: root + "/" + name))
        }
        let source = try MaildirSource(path: root)
        let files = try source.pendingFiles()
        #expect(files.map { "\($0.folder)/\($0.name)" } == ["new/1.host", "cur/2.host:2,F", "cur/4.host"])
        for file in files { try source.markProcessed(file) }
        // A file another run has already moved is no error.
        try source.markProcessed(files[0])
        #expect(try FileManager.default.contentsOfDirectory(atPath: root + "/new").isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: root + "/cur").sorted()
                == ["1.host:2,S", "2.host:2,FS", "3.host:2,S", "4.host:2,S"])
        #expect(try source.pendingFiles().isEmpty)
    }

    @Test func aProcessedFolderIsCreatedAsAMaildir() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("maildir-test-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        for sub in ["tmp", "new", "cur"] {
            try FileManager.default.createDirectory(atPath: root + "/in/" + sub, withIntermediateDirectories: true)
        }
        try Data("Subject: x\n\nx\n".utf8).write(to: URL(fileURLWithPath: root + "/in/new/1.host"))
        let source = try MaildirSource(path: root + "/in", processedFolder: root + "/done")
        for file in try source.pendingFiles() { try source.markProcessed(file) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: root + "/done/cur") == ["1.host:2,S"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: root + "/in/new").isEmpty)
    }

    @Test func aFolderThatIsNoMaildirIsRefused() throws {
        #expect {
            _ = try MaildirSource(path: FileManager.default.temporaryDirectory.path)
        } throws: { error in
            "\(error)".contains("is not a Maildir")
        }
    }
}
