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

    init() throws {
        directory = try ServerScript.makeDirectory(prefix: "postgres")
        chmod(directory, 0o755)
        values = try Self.script.values(["start", directory])
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

    /// The output of a query run as the superuser in the events database (psql -tA).
    func query(_ sql: String) throws -> String {
        try Self.script.run(["psql", directory, "-d", "events", "-tA", "-c", sql])
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
