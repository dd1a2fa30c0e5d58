/// The head of `events config show`: the config files looked for and the database and keys'
/// folder in use, each with where it came from, so "why does support see another database?" is
/// answered by reading one screen.
enum ConfigSourcesText {
    static func text(_ sources: ConfigSources, database: ResolvedSetting, keys: ResolvedSetting) -> String {
        var out = "Config files\n"
        for candidate in sources.candidates {
            let state = candidate.file == nil ? "not found" : "read"
            let why = candidate.origin == "default" ? "" : ", from \(candidate.origin.hasPrefix("-") ? "option " : "environment ")\(candidate.origin)"
            out += "  \(candidate.role.padding(toLength: 7, withPad: " ", startingAt: 0)) \(candidate.path) (\(state)\(why))\n"
        }
        if sources.user == nil { out += "  user    none: neither XDG_CONFIG_HOME nor HOME is set\n" }
        out += "Database  \(database.value)\n          from \(database.origin.short)\n"
        out += "Keys      \(keys.value)\n          from \(keys.origin.short)\n"
        return out
    }
}
