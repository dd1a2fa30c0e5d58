import Foundation
import Testing

/// Support staff read the operator's database through a group, without write access to it or its
/// folder: every read command works for them, and a write fails. Needs root (to hand the files to
/// another user) and setpriv; skipped otherwise.
@Suite("a database readable but not writable")
struct ReadOnlyDatabaseTests {
    static let canSwitchUser = getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")

    /// Runs `events ARGS` as nobody:nogroup (65534), like a support user who may only read.
    static func runAsNobody(_ arguments: [String], environment: [String: String]) throws -> EventsBinary.Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
        process.arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", EventsBinary.url.path] + arguments
        process.environment = ["PATH": "/usr/bin:/bin"].merging(environment) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return EventsBinary.Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                                   stderr: String(decoding: stderr, as: UTF8.self))
    }

    @Test(.enabled(if: canSwitchUser, "needs root and /usr/bin/setpriv"))
    func aGroupMemberReadsWithoutWriteAccess() throws {
        let folder = try TestFolder()
        defer { folder.remove() }
        chmod(folder.path, 0o755)
        let state = folder("state")
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: false)
        let db = state + "/events.sqlite"
        let ingest = try EventsBinary.run(["ingest", "--db", db, "-"], stdin: TestMessages.sample("delivered.eml"))
        #expect(ingest.status == 0, "\(ingest.stderr)")
        // The writer keeps the WAL's files, so a reader that cannot create them still opens the database.
        for file in [db, db + "-wal", db + "-shm"] {
            #expect(FileManager.default.fileExists(atPath: file), "\(file) is kept")
            #expect(chown(file, 0, 65534) == 0 && chmod(file, 0o640) == 0)
        }
        #expect(chown(state, 0, 65534) == 0 && chmod(state, 0o750) == 0)
        try Data("db = \(db)\n".utf8).write(to: URL(fileURLWithPath: folder("system-config")))
        let environment = ["EVENTS_SYSTEM_CONFIG": folder("system-config"), "HOME": folder("nobody"),
                           "EVENTS_NOW": "2026-11-24T12:00:00Z"]

        let list = try Self.runAsNobody(["list", "--format", "csv"], environment: environment)
        #expect(list.status == 0, "\(list.stderr)")
        #expect(list.stdout.contains("1,2026-11-22T13:04:58Z,delivered,alice@local.test,"), "\(list.stdout)")
        for arguments in [["show", "1"], ["stats"], ["config", "show"], ["config", "smtp", "list"]] {
            let result = try Self.runAsNobody(arguments, environment: environment)
            #expect(result.status == 0, "events \(arguments.joined(separator: " ")): \(result.stderr)")
        }
        let write = try Self.runAsNobody(["prune", "--older-than", "1d"], environment: environment)
        #expect(write.status == 1, "nobody may not write: \(write.stdout)")

        // Without the kept files (deleted by another tool after the last writer closed) the reader
        // is told why and what brings them back.
        try FileManager.default.removeItem(atPath: db + "-wal")
        try FileManager.default.removeItem(atPath: db + "-shm")
        let withoutFiles = try Self.runAsNobody(["list"], environment: environment)
        #expect(withoutFiles.status == 1)
        #expect(withoutFiles.stderr.contains("its -wal and -shm files are missing and this user may not create them"),
                "\(withoutFiles.stderr)")
    }
}
