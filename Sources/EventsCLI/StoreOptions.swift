import ArgumentParser
import EventStore
import Foundation
import PostgresEventStore
import Sender

/// Where the event database is, the same for every command: `--db PATH`, else `$EVENTS_DB`, else
/// `db` in the user's config file, else in the system-wide one (`ConfigSources`), else
/// `$XDG_DATA_HOME/mailevents/events.sqlite` (`~/.local/share` when `XDG_DATA_HOME` is unset).
/// A `postgresql://USER@HOST[:PORT]/DB` URL there names a PostgreSQL database instead of a SQLite
/// file (`PostgresStore`); its password comes from `--db-password SOURCE` (or `db-password` in the
/// config file), else libpq's `PGPASSWORD` and `~/.pgpass`.
/// Commands that write create it with the schema applied; commands that read open it read-only
/// and never create one, so a mistyped path cannot look like a database with no failures.
struct StoreOptions: ParsableArguments {
    @Option(name: .customLong("db"), help: ArgumentHelp(
        "The event database: a SQLite file, or postgresql://USER@HOST[:PORT]/DB (default: $EVENTS_DB, else db in "
            + "the config file, else $XDG_DATA_HOME/mailevents/events.sqlite).",
        valueName: "path|url"))
    var path: String?

    @Option(help: ArgumentHelp(
        "Where a PostgreSQL database's password is: file:PATH, env:NAME or command:COMMAND (default: db-password "
            + "in the config file, else $PGPASSWORD, else ~/.pgpass).", valueName: "source"))
    var dbPassword: String?

    @Option(help: ArgumentHelp("Seconds to wait for a PostgreSQL server to connect and to answer each statement "
                               + "(default: db-timeout in the config file, else 30).", valueName: "seconds"))
    var dbTimeout: Int?

    @Option(help: ArgumentHelp("Seconds to wait while another run writes the database.", valueName: "seconds"))
    var busyTimeout = 60

    func validate() throws {
        if busyTimeout < 0 { throw ValidationError("--busy-timeout takes a number of seconds, 0 or more.") }
        if path?.isEmpty == true { throw ValidationError("--db needs a file path or a postgresql:// URL.") }
        if let dbTimeout, dbTimeout < 1 { throw ValidationError("--db-timeout takes a number of seconds, 1 or more.") }
    }

    /// The database path this run uses and where it came from. `config` is read only when neither
    /// the option nor the environment names one (nil: the files `ConfigSources` finds).
    func resolved(config: ConfigSources? = nil,
                  environment: [String: String] = ProcessInfo.processInfo.environment) throws -> ResolvedSetting {
        if let path { return ResolvedSetting(value: path, origin: .option("--db")) }
        if let path = environment["EVENTS_DB"], !path.isEmpty { return ResolvedSetting(value: path, origin: .environment("EVENTS_DB")) }
        if let setting = try (config ?? ConfigSources.load(environment: environment)).setting("db") { return setting }
        let dataHome: String
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            dataHome = xdg
        } else if let home = environment["HOME"], !home.isEmpty {
            dataHome = home + "/.local/share"
        } else {
            throw CommandFailure("cannot find a place for the event database: neither XDG_DATA_HOME nor HOME is set. "
                                 + "Give one with --db PATH or EVENTS_DB, or set db in the config file.")
        }
        return ResolvedSetting(value: dataHome + "/mailevents/events.sqlite",
                               origin: .defaultValue("$XDG_DATA_HOME/mailevents/events.sqlite"))
    }

    /// Opens the database to write, creating it (and, for the default location, its folder) if needed.
    func open(config: ConfigSources? = nil) throws -> EventStore {
        let resolved = try resolved(config: config)
        if PostgresLocation.isURL(resolved.value) {
            let location = try postgresLocation(resolved)
            return try PostgresStore(location, password: try postgresPassword(location, config: config),
                                     timeout: try postgresTimeout(config: config))
        }
        if case .defaultValue = resolved.origin {
            let folder = (resolved.value as NSString).deletingLastPathComponent
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])
            } catch {
                throw CommandFailure("cannot create the folder '\(folder)' for the event database: "
                                     + "\(error.localizedDescription). Give another place with --db PATH or EVENTS_DB.")
            }
        }
        return try SQLiteStore(path: resolved.value, busyTimeout: busyTimeout)
    }

    /// Opens an existing database read-only: a missing one is an error that says which path was
    /// tried, where it came from, and where to name the right one.
    func openForReading(config: ConfigSources? = nil) throws -> EventStore {
        let resolved = try resolved(config: config)
        if PostgresLocation.isURL(resolved.value) {
            let location = try postgresLocation(resolved)
            return try PostgresStore(readingAt: location, password: try postgresPassword(location, config: config),
                                     timeout: try postgresTimeout(config: config))
        }
        guard FileManager.default.fileExists(atPath: resolved.value) else {
            let places = (try? config ?? ConfigSources.load())?.placesToSet ?? "the config file"
            throw CommandFailure("no event database at \(resolved.value) (from \(resolved.origin.description)); "
                                 + "give --db PATH, set EVENTS_DB, or set db in \(places)")
        }
        do {
            return try SQLiteStore(readingAt: resolved.value, busyTimeout: busyTimeout)
        } catch {
            let folder = (resolved.value as NSString).deletingLastPathComponent
            if !FileManager.default.fileExists(atPath: resolved.value + "-shm"), !FileManager.default.isWritableFile(atPath: folder) {
                throw CommandFailure("cannot read the event database \(resolved.value): its -wal and -shm files are missing "
                                     + "and this user may not create them in \(folder). A run that writes, as the "
                                     + "database's owner (events ingest), makes them again and keeps them.")
            }
            throw error
        }
    }

    private func postgresLocation(_ resolved: ResolvedSetting) throws -> PostgresLocation {
        do {
            return try PostgresLocation(resolved.value)
        } catch {
            throw CommandFailure("\(error) (from \(resolved.origin.description))")
        }
    }

    /// --db-timeout, else db-timeout in the config file, else 30 seconds.
    private func postgresTimeout(config: ConfigSources?) throws -> Int {
        if let dbTimeout { return dbTimeout }
        guard let setting = try (config ?? ConfigSources.load()).setting("db-timeout") else { return 30 }
        guard let seconds = Int(setting.value), seconds >= 1 else {
            throw CommandFailure("db-timeout = \(setting.value) (\(setting.origin.description)) is not a number of seconds, 1 or more")
        }
        return seconds
    }

    /// The password for `location`: from the secret source given, else libpq's conventions; nil
    /// when there is none (the server may not ask: a trust or peer rule, a client certificate).
    func postgresPassword(_ location: PostgresLocation, config: ConfigSources?,
                          environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String? {
        var given = dbPassword.map { ResolvedSetting(value: $0, origin: .option("--db-password")) }
        if given == nil { given = try (config ?? ConfigSources.load(environment: environment)).setting("db-password") }
        guard let given else { return PostgresPassword.conventional(for: location, environment: environment) }
        do {
            return try SecretSource(given.value).read("database password", environment: environment)
        } catch {
            throw CommandFailure("\(error) (the database password's source, from \(given.origin.description))")
        }
    }
}
