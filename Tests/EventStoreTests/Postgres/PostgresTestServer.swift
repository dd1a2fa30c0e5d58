import EventStore
import Foundation
import PostgresEventStore
import Synchronization
import Testing

/// The throw-away PostgreSQL 15 of `scripts/postgres-test-server`, started once for the test
/// process on first use and stopped by its PID when the process exits. Each test gets a database
/// of its own (`database()`), dropped afterwards. Needs Debian's postgresql-15 (CI installs it);
/// the PostgreSQL tests are skipped without it.
final class PostgresTestServer: Sendable {
    static let binaries = "/usr/lib/postgresql/15/bin"

    static var isAvailable: Bool {
        FileManager.default.isExecutableFile(atPath: binaries + "/initdb")
    }

    static let unavailable: Comment = "needs PostgreSQL 15 (apt-get install postgresql-15; CI installs it): skipped"

    let directory: String
    let port: Int
    let password: String

    /// The server, started on first use; a failure to start fails every test that uses it.
    static let shared = Result { try PostgresTestServer() }

    private init() throws {
        var template = Array("/tmp/events-postgres-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw Failure(description: "mkdtemp failed") }
        directory = String(cString: made)
        chmod(directory, 0o755)
        let values = try Self.script(["start", directory])
        guard let port = values["POSTGRES_PORT"].flatMap(Int.init), let file = values["POSTGRES_PASSWORD_FILE"],
              let password = try? String(contentsOfFile: file, encoding: .utf8) else {
            throw Failure(description: "postgres-test-server printed no port or password file")
        }
        self.port = port
        self.password = password.trimmingCharacters(in: .whitespacesAndNewlines)
        startedDirectory.withLock { $0 = directory }
        atexit { stopStartedServer() }
    }

    /// A new, empty database owned by the test role; `drop` removes it.
    func database() throws -> TestDatabase {
        let name = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try Self.script(["psql", directory, "-c", "CREATE DATABASE \(name) OWNER events"], keyValues: false)
        let location = try PostgresLocation("postgresql://events@127.0.0.1:\(port)/\(name)")
        return TestDatabase(server: self, name: name, location: location)
    }

    func drop(_ name: String) {
        _ = try? Self.script(["psql", directory, "-c", "DROP DATABASE IF EXISTS \(name) WITH (FORCE)"], keyValues: false)
    }

    /// Runs SQL as the superuser in database `name`.
    @discardableResult
    func superuser(_ sql: String, database name: String = "postgres") throws -> [String: String] {
        try Self.script(["psql", directory, "-d", name, "-tA", "-c", sql], keyValues: false)
    }

    /// Runs the script; its `KEY=VALUE` lines, or all output under "" when `keyValues` is false.
    @discardableResult
    static func script(_ arguments: [String], keyValues: Bool = true) throws -> [String: String] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [root.appendingPathComponent("scripts/postgres-test-server").path] + arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let output = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "postgres-test-server \(arguments.first ?? ""): \(errors)")
        }
        guard keyValues else { return ["": output] }
        var values: [String: String] = [:]
        for line in output.split(separator: "\n") {
            guard let equals = line.firstIndex(of: "=") else { continue }
            values[String(line[..<equals])] = String(line[line.index(after: equals)...])
        }
        return values
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }
}

/// One test's database on the test server.
struct TestDatabase: Sendable {
    let server: PostgresTestServer
    let name: String
    let location: PostgresLocation

    func open() throws -> PostgresStore {
        try PostgresStore(location, password: server.password, timeout: 30)
    }

    func drop() { server.drop(name) }
}

private let startedDirectory = Mutex<String?>(nil)

/// Stops the server this process started (atexit), by its PID through the script.
private func stopStartedServer() {
    guard let directory = startedDirectory.withLock({ $0 }) else { return }
    _ = try? PostgresTestServer.script(["stop", directory], keyValues: false)
    try? FileManager.default.removeItem(atPath: directory)
}
