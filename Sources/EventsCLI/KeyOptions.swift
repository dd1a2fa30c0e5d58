import ArgumentParser
import Foundation
import MessageTag

/// Where the tag signing keys are, the same for every command: `--key-dir DIR`, else
/// `$EVENTS_KEY_DIR`, else `key-dir` in the user's or the system-wide config file
/// (`ConfigSources`), else `$XDG_CONFIG_HOME/mailevents/keys` (`~/.config/mailevents/keys`). Keys
/// live in files of their own (mode 0600), never in the event database, which holds mail anyone
/// with read access sees.
struct KeyOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "The signing keys' folder (default: $EVENTS_KEY_DIR, else key-dir in the config file, else $XDG_CONFIG_HOME/mailevents/keys).",
        valueName: "dir"))
    var keyDir: String?

    /// The folder this run uses and where it came from (`config` nil: the files `ConfigSources` finds).
    func resolved(config: ConfigSources? = nil,
                  environment: [String: String] = ProcessInfo.processInfo.environment) throws -> ResolvedSetting {
        if let keyDir, !keyDir.isEmpty { return ResolvedSetting(value: keyDir, origin: .option("--key-dir")) }
        if let path = environment["EVENTS_KEY_DIR"], !path.isEmpty {
            return ResolvedSetting(value: path, origin: .environment("EVENTS_KEY_DIR"))
        }
        if let setting = try (config ?? ConfigSources.load(environment: environment)).setting("key-dir") { return setting }
        let rule = ResolvedSetting.Origin.defaultValue("$XDG_CONFIG_HOME/mailevents/keys")
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") {
            return ResolvedSetting(value: xdg + "/mailevents/keys", origin: rule)
        }
        if let home = environment["HOME"], !home.isEmpty { return ResolvedSetting(value: home + "/.config/mailevents/keys", origin: rule) }
        throw CommandFailure("cannot find the signing keys' folder: neither XDG_CONFIG_HOME nor HOME is set. "
                             + "Give one with --key-dir DIR or EVENTS_KEY_DIR, or set key-dir in the config file.")
    }

    func path(config: ConfigSources? = nil) throws -> String {
        try resolved(config: config).value
    }

    func directory(config: ConfigSources? = nil) throws -> KeyDirectory {
        KeyDirectory(path: try path(config: config))
    }
}
