import Foundation
import Testing

/// An event database, a keys' folder and profiles for `events send` against `MailTestServers`:
/// company `company@event.test` (Postfix's DSNs for it land in the event Maildir), user `alice`
/// submitting on the STARTTLS port with the test CA.
final class SenderFixture {
    let servers: MailTestServers
    let folder: TestFolder
    let db: String
    let keys: String

    init(serverEnvironment: [String: String] = [:]) throws {
        servers = try MailTestServers(environment: serverEnvironment)
        folder = try TestFolder()
        db = folder("events.sqlite")
        keys = folder("keys")
        try events(["config", "key"])
        try events(["config", "company", "add", "company"])
        try events(["config", "set", "event-domain", "event.test"])
    }

    deinit {
        folder.remove()
    }

    var environment: [String: String] { ["EVENTS_KEY_DIR": keys] }

    /// Runs `events ARGS --db DB` with the keys' folder; expects exit 0 unless `expecting` says otherwise.
    @discardableResult
    func events(_ arguments: [String], stdin: Data? = nil, expecting status: Int32? = 0) throws -> EventsBinary.Result {
        // The signing keys and the signed-in accounts' tokens are files of their own, not the database's.
        let usesDatabase = arguments.prefix(2) != ["config", "key"]
            && !(arguments.prefix(2) == ["config", "smtp"] && ["tokens", "refresh", "logout"].contains(arguments.dropFirst(2).first ?? ""))
        let result = try EventsBinary.run(arguments + (usesDatabase ? ["--db", db] : []), stdin: stdin, environment: environment)
        if let status {
            #expect(result.status == status, "events \(arguments.joined(separator: " ")): \(result.stdout)\(result.stderr)")
        }
        return result
    }

    /// A file holding a secret, mode 0600; returns `file:PATH` for --secret.
    func secret(_ name: String, _ text: String) throws -> String {
        let path = folder(name)
        try Data((text + "\n").utf8).write(to: URL(fileURLWithPath: path))
        chmod(path, 0o600)
        return "file:" + path
    }

    /// `events config smtp set USER` on the submission (STARTTLS) port with the password user.
    func profile(_ user: String, port: String? = nil, tls: String = "starttls", username: String? = nil,
                 secret: String? = nil, auth: String = "password", address: String? = nil, mode: String = "reply-to",
                 company: String? = nil) throws {
        try events(["config", "smtp", "set", user, "--host", "127.0.0.1", "--port", port ?? String(servers.submissionPort),
                    "--tls", tls, "--username", username ?? servers.user,
                    "--secret", try secret ?? self.secret("password-\(user)", servers.password),
                    "--auth", auth, "--address", address ?? "\(user)@local.test", "--sender-mode", mode]
                   + (company.map { ["--company", $0] } ?? []))
    }

    /// `events send --user USER --to … --subject … ` with the body on standard input. The timeout
    /// is generous: no test here is about it, and a loaded CI machine once took longer than 10 s
    /// to answer one command (a `timeout` error instead of the one the test expected).
    @discardableResult
    func send(_ user: String, to recipients: [String], subject: String = "Invoice 42", company: String? = nil,
              expecting status: Int32? = 0) throws -> EventsBinary.Result {
        try events(["send", "--user", user, "--subject", subject, "--ca-file", servers.caFile, "--timeout", "30"]
                   + recipients.flatMap { ["--to", $0] } + (company.map { ["--company", $0] } ?? []),
                   stdin: Data("Hello,\nthe invoice is attached.\n".utf8), expecting: status)
    }

    /// The outgoing id `events send` printed for its first message.
    static func outgoingID(_ result: EventsBinary.Result) -> Int? {
        result.lines.first.flatMap { $0.split(separator: " ").dropFirst().first.flatMap { Int($0) } }
    }

    /// `events list … --format json` as objects.
    func list(_ arguments: [String] = []) throws -> [[String: Any]] {
        let result = try events(["list", "--format", "json", "--limit", "0"] + arguments)
        let data = Data(result.stdout.utf8)
        return (try JSONSerialization.jsonObject(with: data) as? [[String: Any]]) ?? []
    }

    /// Waits until the event Maildir holds at least `count` messages containing `text`; returns their paths.
    func waitForEventMail(containing text: String, count: Int = 1, seconds: Double = 60) throws -> [String] {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            let found = Self.messages(in: servers.eventMaildir).filter { path in
                (FileManager.default.contents(atPath: path)).map { String(decoding: $0, as: UTF8.self).contains(text) } ?? false
            }
            if found.count >= count { return found }
            if Date() > deadline {
                throw ScriptFailure(description: "no mail containing '\(text)' reached the event mailbox in \(Int(seconds)) s")
            }
            Thread.sleep(forTimeInterval: 0.5)
        }
    }

    static func messages(in maildir: String) -> [String] {
        ["new", "cur"].flatMap { sub in
            ((try? FileManager.default.contentsOfDirectory(atPath: maildir + "/" + sub)) ?? []).map { maildir + "/\(sub)/" + $0 }
        }
    }

    /// `events ingest --maildir` of the event mailbox.
    @discardableResult
    func ingest() throws -> EventsBinary.Result {
        try events(["ingest", "--maildir", servers.eventMaildir])
    }
}
