import ArgumentParser
import Foundation
import MessageTag

/// Where the tag signing keys are: `--key-dir DIR`, else `$EVENTS_KEY_DIR`, else
/// `$XDG_CONFIG_HOME/mailevents/keys` (`~/.config/mailevents/keys`). Keys live in files of their
/// own (mode 0600), never in the event database, which holds mail anyone with read access sees.
struct KeyOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "The signing keys' folder (default: $EVENTS_KEY_DIR, else $XDG_CONFIG_HOME/mailevents/keys).",
        valueName: "dir"))
    var keyDir: String?

    func path(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        if let keyDir, !keyDir.isEmpty { return keyDir }
        if let path = environment["EVENTS_KEY_DIR"], !path.isEmpty { return path }
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") { return xdg + "/mailevents/keys" }
        if let home = environment["HOME"], !home.isEmpty { return home + "/.config/mailevents/keys" }
        throw CommandFailure("cannot find the signing keys' folder: neither XDG_CONFIG_HOME nor HOME is set. "
                             + "Give one with --key-dir DIR or EVENTS_KEY_DIR.")
    }

    func directory() throws -> KeyDirectory {
        KeyDirectory(path: try path())
    }
}
