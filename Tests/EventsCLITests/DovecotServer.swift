import Foundation
import Testing

/// A throw-away Dovecot on 127.0.0.1 (`scripts/dovecot-test-server`): a password user and an
/// XOAUTH2 user on one Maildir, imaps and imap (STARTTLS) ports, a CA made for the test. Needs root
/// and Debian's dovecot-imapd; tests that use it are skipped otherwise.
final class DovecotServer {
    static let script = ServerScript(name: "dovecot-test-server")

    static var isAvailable: Bool {
        getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/sbin/dovecot")
    }

    static let unavailable: Comment = "needs root and dovecot-imapd (CI installs them): IMAP tests skipped"

    let directory: String
    private(set) var values: [String: String] = [:]

    init() throws {
        directory = try ServerScript.makeDirectory(prefix: "dovecot")
        values = try Self.script.values(["start", directory])
    }

    deinit {
        _ = try? Self.script.run(["stop", directory])
        try? FileManager.default.removeItem(atPath: directory)
    }

    subscript(key: String) -> String {
        values[key] ?? ""
    }

    var imapsPort: String { self["IMAPS_PORT"] }
    var imapPort: String { self["IMAP_PORT"] }
    var caFile: String { self["CA_FILE"] }
    var otherCAFile: String { self["OTHER_CA_FILE"] }
    var maildir: String { self["MAILDIR"] }
    var user: String { self["USER"] }

    /// `imaps://USER@127.0.0.1:PORT/FOLDER` for the password user.
    func imapsURL(_ folder: String = "INBOX", host: String = "127.0.0.1") -> String {
        "imaps://\(user)@\(host):\(imapsPort)/\(folder)"
    }

    /// A file holding `text` (a password or token), for --password-file / --oauth2-token-file.
    func secretFile(_ name: String, _ text: String) throws -> String {
        let path = directory + "/" + name
        try Data((text + "\n").utf8).write(to: URL(fileURLWithPath: path))
        chmod(path, 0o600)
        return path
    }

    var passwordFile: String { (try? secretFile("password", self["PASSWORD"])) ?? "" }

    /// `events ingest` arguments for the password user over imaps with the test CA.
    func ingestArguments(db: String, folder: String = "INBOX", _ more: [String] = []) -> [String] {
        ["ingest", "--db", db, "--imap", imapsURL(folder), "--ca-file", caFile, "--password-file", passwordFile] + more
    }

    /// Puts messages into the INBOX as new mail (a Maildir delivery: written in tmp/, owned by the mail
    /// user, renamed into new/), as `dovecot-test-server deliver` does, without a process per message.
    func deliver(_ messages: [Data]) throws {
        let uid = uid_t(self["MAIL_UID"]) ?? 5000
        for message in messages {
            let name = "\(Int(Date().timeIntervalSince1970)).M\(UUID().uuidString).events-test"
            let temporary = maildir + "/tmp/" + name
            try message.write(to: URL(fileURLWithPath: temporary))
            chown(temporary, uid, uid)
            guard rename(temporary, maildir + "/new/" + name) == 0 else {
                throw ScriptFailure(description: "cannot deliver into \(maildir)/new: \(String(cString: strerror(errno)))")
            }
        }
    }

    func stop() throws {
        _ = try Self.script.run(["stop", directory])
    }

    /// Stops and starts again on the same ports with the same mail.
    func restart() throws {
        values.merge(try Self.script.values(["restart", directory])) { $1 }
    }

    /// File names in a folder of the Maildir (`""` for INBOX), new/ and cur/.
    func messages(in folder: String = "") -> [String] {
        let base = folder.isEmpty ? maildir : maildir + "/." + folder
        return ["new", "cur"].flatMap { sub in
            ((try? FileManager.default.contentsOfDirectory(atPath: base + "/" + sub)) ?? []).map { sub + "/" + $0 }
        }.sorted()
    }

    /// INBOX messages without the \Seen flag.
    var unseen: [String] {
        messages().filter { name in
            guard let info = name.range(of: ":2,") else { return true }
            return !name[info.upperBound...].contains("S")
        }
    }
}
