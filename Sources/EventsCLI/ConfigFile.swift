import Foundation

/// Settings kept in a file so that a timer can run plain `events ingest` and every command finds
/// the same database and keys: one `key = value` per line, keys named after the long options
/// (`imap = imaps://events@imap.example.com/INBOX`, `password-file = /etc/mailevents/pw`); `#`
/// starts a comment line; a value may be quoted. Which files are read: `ConfigSources`.
struct ConfigFile: Equatable {
    /// The keys the file may hold: the database, keys and company every command uses, and
    /// `ingest`'s options that make sense to keep.
    static let keys: Set<String> = [
        "db", "db-password", "db-timeout", "key-dir", "company", "maildir", "processed-folder",
        "imap", "tls", "ca-file", "insecure", "password-file", "oauth2-token-file", "oauth2-token-command", "oauth2-account",
        "after", "timeout", "watch", "lease", "shards",
    ]

    /// One value and where it was written, so messages can name the file and line.
    struct Entry: Equatable {
        let value: String
        let path: String
        let line: Int
    }

    let path: String
    private(set) var values: [String: Entry] = [:]

    static func == (lhs: ConfigFile, rhs: ConfigFile) -> Bool {
        lhs.path == rhs.path && lhs.values.mapValues(\.value) == rhs.values.mapValues(\.value)
    }

    /// The settings this run reads: the user's file over the system-wide one (see `ConfigSources`).
    static func load(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment)
        throws -> ConfigFile? {
        try ConfigSources.load(explicit: explicit, environment: environment).merged
    }

    /// This file's values over `lower`'s: each keeps the file and line it came from.
    func overriding(_ lower: ConfigFile) -> ConfigFile {
        var merged = self
        merged.values = lower.values.merging(values) { $1 }
        return merged
    }

    init(path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandFailure("cannot read the config file '\(path)': "
                                 + (FileManager.default.fileExists(atPath: path) ? "permission denied" : "no such file"))
        }
        try self.init(path: path, text: String(decoding: data, as: UTF8.self))
    }

    init(path: String, text: String) throws {
        self.path = path
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = index + 1
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let equals = line.firstIndex(of: "=") else {
                throw CommandFailure("\(path):\(number): expected 'key = value', found '\(line)'")
            }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces)
            var value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
                value = String(value.dropFirst().dropLast())
            }
            guard Self.keys.contains(key) else {
                let hint = key == "password" || key == "token"
                    ? " (secrets stay out of the config: put the \(key) in a file and give \(key == "password" ? "password-file" : "oauth2-token-file"))"
                    : "; known keys: \(Self.keys.sorted().joined(separator: ", "))"
                throw CommandFailure("\(path):\(number): unknown key '\(key)'\(hint)")
            }
            if let earlier = values[key] {
                throw CommandFailure("\(path):\(number): '\(key)' is already set on line \(earlier.line)")
            }
            values[key] = Entry(value: value, path: path, line: number)
        }
    }

    func string(_ key: String) -> String? {
        values[key]?.value
    }

    func int(_ key: String) throws -> Int? {
        guard let entry = values[key] else { return nil }
        guard let number = Int(entry.value) else {
            throw CommandFailure("\(entry.path):\(entry.line): '\(key)' takes a whole number, not '\(entry.value)'")
        }
        return number
    }

    func bool(_ key: String) throws -> Bool? {
        guard let entry = values[key] else { return nil }
        switch entry.value.lowercased() {
        case "yes", "true", "on", "1": return true
        case "no", "false", "off", "0": return false
        default: throw CommandFailure("\(entry.path):\(entry.line): '\(key)' takes yes or no, not '\(entry.value)'")
        }
    }
}
