import Foundation

/// The config files a run reads, the user's over the system-wide one, so that the operator's
/// `/etc/mailevents/config` tells every user's `events` where the database and keys are while a
/// user can still point their own runs elsewhere.
///
/// The user's file: `--config FILE` (ingest), else `$EVENTS_CONFIG` (both must exist), else
/// `$XDG_CONFIG_HOME/mailevents/config` (`~/.config/…`) if it exists. The system's:
/// `$EVENTS_SYSTEM_CONFIG` (so tests need no root), else `/etc/mailevents/config`, if it exists.
struct ConfigSources {
    /// A file looked for, whether it was there, and why it was looked for.
    struct Candidate {
        let path: String
        let role: String
        let origin: String
        let file: ConfigFile?
    }

    let user: Candidate?
    let system: Candidate

    static let systemDefault = "/etc/mailevents/config"

    static func load(explicit: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment)
        throws -> ConfigSources {
        var user: Candidate?
        if let explicit {
            user = Candidate(path: explicit, role: "user", origin: "--config", file: try ConfigFile(path: explicit))
        } else if let path = environment["EVENTS_CONFIG"], !path.isEmpty {
            user = Candidate(path: path, role: "user", origin: "EVENTS_CONFIG", file: try ConfigFile(path: path))
        } else if let base = Self.configHome(environment) {
            let path = base + "/mailevents/config"
            user = Candidate(path: path, role: "user", origin: "default", file: try Self.ifPresent(path))
        }
        let systemPath = environment["EVENTS_SYSTEM_CONFIG"].flatMap { $0.isEmpty ? nil : $0 } ?? systemDefault
        let system = Candidate(path: systemPath, role: "system", origin: systemPath == systemDefault ? "default" : "EVENTS_SYSTEM_CONFIG",
                               file: try Self.ifPresent(systemPath))
        return ConfigSources(user: user, system: system)
    }

    /// Every setting in force: the user's values over the system's, or nil when no file was read.
    var merged: ConfigFile? {
        switch (user?.file, system.file) {
        case let (user?, system?): return user.overriding(system)
        case let (user?, nil): return user
        case let (nil, system?): return system
        case (nil, nil): return nil
        }
    }

    /// `key`'s value and where it was written, if any file sets it.
    func setting(_ key: String) -> ResolvedSetting? {
        guard let entry = merged?.values[key] else { return nil }
        return ResolvedSetting(value: entry.value, origin: .file(path: entry.path, line: entry.line, key: key))
    }

    /// The files looked for, in order of precedence.
    var candidates: [Candidate] { [user, system].compactMap { $0 } }

    /// "~/.config/mailevents/config or /etc/mailevents/config": where a setting could be written.
    var placesToSet: String {
        candidates.map(\.path).joined(separator: " or ")
    }

    private static func configHome(_ environment: [String: String]) -> String? {
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") { return xdg }
        if let home = environment["HOME"], !home.isEmpty { return home + "/.config" }
        return nil
    }

    private static func ifPresent(_ path: String) throws -> ConfigFile? {
        FileManager.default.fileExists(atPath: path) ? try ConfigFile(path: path) : nil
    }
}
