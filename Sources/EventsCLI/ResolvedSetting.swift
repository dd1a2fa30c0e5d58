/// A path the run uses and where it came from, so that `events config show` and every "not
/// found" message can say why this database or keys' folder and not another.
struct ResolvedSetting: Equatable {
    enum Origin: Equatable {
        case option(String)
        case environment(String)
        case file(path: String, line: Int, key: String)
        case defaultValue(String)

        /// For messages: "the config file /etc/mailevents/config, line 2 (db)".
        var description: String {
            switch self {
            case .option(let name): return "the option \(name)"
            case .environment(let name): return "the environment variable \(name)"
            case let .file(path, line, key): return "the config file \(path), line \(line) (\(key))"
            case .defaultValue(let rule): return "the default, \(rule)"
            }
        }

        /// For `events config show`: "option --db", "environment EVENTS_DB", "/etc/…/config:2", "default".
        var short: String {
            switch self {
            case .option(let name): return "option \(name)"
            case .environment(let name): return "environment \(name)"
            case let .file(path, line, _): return "\(path):\(line)"
            case .defaultValue(let rule): return "default \(rule)"
            }
        }
    }

    let value: String
    let origin: Origin
}
