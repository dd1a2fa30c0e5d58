import Foundation
import Testing

/// A throw-away PostgreSQL 15 of its own (`scripts/postgres-test-server`) for one test: started in
/// a new folder, stopped by its PID when released, restartable. Needs Debian's postgresql-15 (CI
/// installs it); tests that use it are skipped otherwise.
final class PostgresServer {
    static let script = ServerScript(name: "postgres-test-server")

    static var isAvailable: Bool {
        FileManager.default.isExecutableFile(atPath: "/usr/lib/postgresql/15/bin/initdb")
    }

    static let unavailable: Comment = "needs PostgreSQL 15 (apt-get install postgresql-15; CI installs it): skipped"

    let directory: String
    private(set) var values: [String: String] = [:]

    /// `tls`: the server also takes TLS, with a certificate from a test CA (`caFile`).
    init(tls: Bool = false) throws {
        directory = try ServerScript.makeDirectory(prefix: "postgres")
        chmod(directory, 0o755)
        values = try Self.script.values(["start", directory], environment: tls ? ["POSTGRES_TEST_TLS": "1"] : [:])
    }

    var caFile: String { values["POSTGRES_CA_FILE"] ?? "" }
    var otherCAFile: String { values["POSTGRES_OTHER_CA_FILE"] ?? "" }
    var port: String { values["POSTGRES_PORT"] ?? "" }

    /// Accepts connections over 127.0.0.1 only with TLS from now on (its own pg_hba.conf, reloaded).
    func requireTLS() throws {
        let path = directory + "/data/pg_hba.conf"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix("host ") ? "hostssl" + $0.dropFirst(4) : $0 }.joined(separator: "\n")
            .write(toFile: path, atomically: false, encoding: .utf8)
        _ = try query("SELECT pg_reload_conf()")
    }

    deinit {
        _ = try? Self.script.run(["stop", directory])
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// `postgresql://events@127.0.0.1:PORT/events`.
    var url: String { "postgresql://events@127.0.0.1:\(values["POSTGRES_PORT"] ?? "")/events" }

    /// The password's secret source, for --db-password.
    var passwordSource: String { "file:" + (values["POSTGRES_PASSWORD_FILE"] ?? "") }

    /// `--db URL --db-password SOURCE`.
    var dbArguments: [String] { ["--db", url, "--db-password", passwordSource] }

    func stop() throws { try Self.script.run(["stop", directory]) }

    func start() throws { values = try Self.script.values(["start", directory]) }

    /// Runs psql commands given on standard input as the superuser in the events database (so a
    /// password read with `\set x `cat FILE`` never appears on a command line).
    func superuser(script: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [Self.script.path, "psql", directory, "-d", "events"]
        let input = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        try process.run()
        input.fileHandleForWriting.write(Data(script.utf8))
        try input.fileHandleForWriting.close()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw ScriptFailure(description: "psql: \(text)") }
    }

    /// The output of a query run as the superuser in the events database (psql -tA).
    func query(_ sql: String) throws -> String {
        try Self.script.run(["psql", directory, "-d", "events", "-tA", "-c", sql])
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
