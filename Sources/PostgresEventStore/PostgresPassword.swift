import Foundation

/// libpq's conventions for a password not given otherwise: `$PGPASSWORD`, then the password file
/// (`$PGPASSFILE`, else `~/.pgpass`): lines `host:port:database:user:password`, `*` matching
/// anything, `\:` and `\\` escaped; ignored, as libpq does, unless only its owner may read it.
public enum PostgresPassword {
    public static func conventional(for location: PostgresLocation,
                                    environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let password = environment["PGPASSWORD"], !password.isEmpty { return password }
        let path = environment["PGPASSFILE"]
            ?? environment["HOME"].map { $0 + "/.pgpass" }
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".pgpass").path
        var status = stat()
        guard stat(path, &status) == 0, status.st_mode & 0o077 == 0,
              let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        return passFileEntry(text, for: location)
    }

    /// The password of the first line of a password file that matches `location`.
    static func passFileEntry(_ text: String, for location: PostgresLocation) -> String? {
        let wanted = [location.host, String(location.port), location.database, location.user]
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            let fields = split(line)
            guard fields.count == 5 else { continue }
            if zip(fields.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return fields[4] }
        }
        return nil
    }

    /// Splits a line at unescaped colons, unescaping `\:` and `\\`.
    private static func split(_ line: Substring) -> [String] {
        var fields: [String] = [], current = "", escaped = false
        for character in line {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == ":" && fields.count < 4 {
                fields.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        fields.append(current)
        return fields
    }
}
