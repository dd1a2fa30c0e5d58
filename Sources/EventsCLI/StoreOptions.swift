import ArgumentParser
import EventStore
import Foundation

/// Where the event database is: `--db PATH`, else `$EVENTS_DB`, else
/// `$XDG_DATA_HOME/mailevents/events.sqlite` (XDG Base Directory Specification; `~/.local/share`
/// when `XDG_DATA_HOME` is unset). Created on first use with the schema applied.
struct StoreOptions: ParsableArguments {
    @Option(name: .customLong("db"), help: ArgumentHelp(
        "The event database (default: $EVENTS_DB, else $XDG_DATA_HOME/mailevents/events.sqlite).",
        valueName: "path"))
    var path: String?

    @Option(help: ArgumentHelp("Seconds to wait while another run writes the database.", valueName: "seconds"))
    var busyTimeout = 60

    func validate() throws {
        if busyTimeout < 0 { throw ValidationError("--busy-timeout takes a number of seconds, 0 or more.") }
        if path?.isEmpty == true { throw ValidationError("--db needs a file path.") }
    }

    /// The database path this run uses, and whether it is the XDG default (whose folder is created).
    func resolvedPath(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> (path: String, isDefault: Bool) {
        if let path { return (path, false) }
        if let path = environment["EVENTS_DB"], !path.isEmpty { return (path, false) }
        let dataHome: String
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            dataHome = xdg
        } else if let home = environment["HOME"], !home.isEmpty {
            dataHome = home + "/.local/share"
        } else {
            throw CommandFailure("cannot find a place for the event database: neither XDG_DATA_HOME nor HOME is set. "
                                 + "Give one with --db PATH or EVENTS_DB.")
        }
        return (dataHome + "/mailevents/events.sqlite", true)
    }

    /// Opens the database, creating it (and, for the default location, its folder) if needed.
    func open() throws -> EventStore {
        let (path, isDefault) = try resolvedPath()
        if isDefault {
            let folder = (path as NSString).deletingLastPathComponent
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])
            } catch {
                throw CommandFailure("cannot create the folder '\(folder)' for the event database: "
                                     + "\(error.localizedDescription). Give another place with --db PATH or EVENTS_DB.")
            }
        }
        return try EventStore(path: path, busyTimeout: busyTimeout)
    }
}

/// A run that failed for a reason already worded for the user; `events` prints it and exits 1.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
