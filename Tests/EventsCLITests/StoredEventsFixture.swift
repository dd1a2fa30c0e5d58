import Foundation

/// A temporary database holding a known set of events: the Postfix samples (three bounces, a
/// delay and a delivery from today's samples' dates) plus bounces dated 2 and 20 days ago.
struct StoredEventsFixture {
    let folder: TestFolder
    let db: String

    init() throws {
        folder = try TestFolder()
        db = folder("events.sqlite")
        let maildir = try folder.maildir()
        for sample in TestMessages.samples {
            try sample.bytes.write(to: URL(fileURLWithPath: maildir + "/new/" + sample.name))
        }
        let now = Date()
        try TestMessages.bounce(to: "Recent@Example.ORG", date: now.addingTimeInterval(-2 * 86_400), status: "5.2.2",
                                diagnostic: "552 5.2.2 Mailbox full")
            .write(to: URL(fileURLWithPath: maildir + "/new/recent.eml"))
        try TestMessages.bounce(to: "old@example.org", date: now.addingTimeInterval(-20 * 86_400))
            .write(to: URL(fileURLWithPath: maildir + "/new/old.eml"))
        let result = try EventsBinary.run(["ingest", "--db", db, "--maildir", maildir])
        guard result.status == 0 else { throw FixtureError(result.stderr) }
    }

    func run(_ arguments: [String]) throws -> EventsBinary.Result {
        guard let command = arguments.first else { throw FixtureError("no command") }
        return try EventsBinary.run([command, "--db", db] + arguments.dropFirst())
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
