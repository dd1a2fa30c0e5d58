import Foundation

/// A temporary database holding a known set of events: the Postfix samples (three bounces, a
/// delay and a delivery, dated 22 Nov 2026) plus bounces dated 2 and 20 days before `now`. Every
/// command runs with `EVENTS_NOW` set to `now`, so the results do not depend on the day the tests run.
struct StoredEventsFixture {
    let folder: TestFolder
    let db: String
    /// Two days after the samples were made.
    static let now = Date(timeIntervalSince1970: 1_795_521_600) // 2026-11-24T12:00:00Z
    static let environment = ["EVENTS_NOW": "2026-11-24T12:00:00Z"]

    init() throws {
        folder = try TestFolder()
        db = folder("events.sqlite")
        let maildir = try folder.maildir()
        for sample in TestMessages.samples {
            try sample.bytes.write(to: URL(fileURLWithPath: maildir + "/new/" + sample.name))
        }
        let now = Self.now
        try TestMessages.bounce(to: "Recent@Example.ORG", date: now.addingTimeInterval(-2 * 86_400), status: "5.2.2",
                                diagnostic: "552 5.2.2 Mailbox full")
            .write(to: URL(fileURLWithPath: maildir + "/new/recent.eml"))
        try TestMessages.bounce(to: "old@example.org", date: now.addingTimeInterval(-20 * 86_400))
            .write(to: URL(fileURLWithPath: maildir + "/new/old.eml"))
        let result = try EventsBinary.run(["ingest", "--db", db, "--maildir", maildir],
                                           environment: Self.environment)
        guard result.status == 0 else { throw FixtureError(result.stderr) }
    }

    func run(_ arguments: [String]) throws -> EventsBinary.Result {
        guard let command = arguments.first else { throw FixtureError("no command") }
        return try EventsBinary.run([command, "--db", db] + arguments.dropFirst(), environment: Self.environment)
    }

    func json(_ arguments: [String]) throws -> [[String: Any]] {
        let result = try run(arguments + ["--format", "json"])
        guard result.status == 0 else { throw FixtureError(result.stderr) }
        return (try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]]) ?? []
    }

    struct FixtureError: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}
