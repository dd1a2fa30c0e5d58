import Foundation

/// Settings for `events ingest` kept in a file so that a timer can run plain `events ingest`:
/// `--config FILE`, else `$EVENTS_CONFIG`, else `$XDG_CONFIG_HOME/mailevents/config` (`~/.config`
/// when unset), used only if it exists. One `key = value` per line, keys named after the long
/// options (`imap = imaps://events@imap.example.com/INBOX`, `password-file = /etc/mailevents/pw`);
/// `#` starts a comment line; a value may be quoted. The command line wins over the file.
struct ConfigFile: Equatable {
    /// The keys the file may hold: `ingest`'s options that make sense to keep.
    static let keys: Set<String> = [
        "db", "maildir", "processed-folder",
        "imap", "tls", "ca-file", "insecure", "password-file", "oauth2-token-file", "oauth2-token-command", "oauth2-account",
        "after", "timeout", "watch",
    ]

    let path: String
    private(set) var values: [String: (value: String, line: Int)] = [:]

    static func == (lhs: ConfigFile, rhs: ConfigFile) -> Bool {
        lhs.path == rhs.path && lhs.values.mapValues(\.value) == rhs.values.mapValues(\.value)
    }

    /// The file this run reads: explicit, from the environment, or the default if it exists.
    static func load(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment)
        throws -> ConfigFile? {
        if let explicit { return try ConfigFile(path: explicit) }
        if let path = environment["EVENTS_CONFIG"], !path.isEmpty { return try ConfigFile(path: path) }
        let base: String
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") {
            base = xdg
        } else if let home = environment["HOME"], !home.isEmpty {
            base = home + "/.config"
        } else {
            return nil
        }
        let path = base + "/mailevents/config"
        return FileManager.default.fileExists(atPath: path) ? try ConfigFile(path: path) : nil
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
            values[key] = (value, number)
        }
    }

    func string(_ key: String) -> String? {
        values[key]?.value
    }

    func int(_ key: String) throws -> Int? {
        guard let entry = values[key] else { return nil }
        guard let number = Int(entry.value) else {
            throw CommandFailure("\(path):\(entry.line): '\(key)' takes a whole number, not '\(entry.value)'")
        }
        return number
    }

    func bool(_ key: String) throws -> Bool? {
        guard let entry = values[key] else { return nil }
        switch entry.value.lowercased() {
        case "yes", "true", "on", "1": return true
        case "no", "false", "off", "0": return false
        default: throw CommandFailure("\(path):\(entry.line): '\(key)' takes yes or no, not '\(entry.value)'")
        }
    }
}
