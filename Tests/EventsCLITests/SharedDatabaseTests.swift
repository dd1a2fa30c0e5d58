import Foundation
import Testing

/// Every command finds the same database and keys: the option, then the environment, then the
/// user's config file, then the system-wide one, then the default; read commands never create a
/// database, and say where the path they tried came from.
@Suite("one database for everyone")
struct SharedDatabaseTests {
    /// A folder with a system-wide and a user config file; the environment points at both and at
    /// nothing else, so the machine's own files and variables do not count.
    struct Setup {
        let folder: TestFolder
        var environment: [String: String]

        init() throws {
            folder = try TestFolder()
            try FileManager.default.createDirectory(atPath: folder("xdg/mailevents"), withIntermediateDirectories: true)
            environment = ["EVENTS_SYSTEM_CONFIG": folder("system-config"), "XDG_CONFIG_HOME": folder("xdg"),
                           "XDG_DATA_HOME": folder("data"), "EVENTS_KEY_DIR": "", "EVENTS_CONFIG": ""]
        }

        func write(_ text: String, to path: String) throws {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        }

        var userConfig: String { folder("xdg/mailevents/config") }

        func run(_ arguments: [String], stdin: Data? = nil, extra: [String: String] = [:]) throws -> EventsBinary.Result {
            try EventsBinary.run(arguments, stdin: stdin, environment: environment.merging(extra) { $1 })
        }
    }

    @Test(arguments: [["list"], ["show", "1"], ["stats"], ["config", "show"], ["config", "smtp", "list"],
                      ["config", "smtp", "show", "U"]])
    func aReadCommandNeverCreatesTheDatabase(_ arguments: [String]) throws {
        let setup = try Setup()
        defer { setup.folder.remove() }
        try setup.write("# the operator's\ndb = \(setup.folder("missing.sqlite"))\n", to: setup.folder("system-config"))
        let result = try setup.run(arguments)
        #expect(result.status == 1)
        #expect(result.stderr.contains("events: no event database at \(setup.folder("missing.sqlite")) "
                                       + "(from the config file \(setup.folder("system-config")), line 2 (db)); "
                                       + "give --db PATH, set EVENTS_DB, or set db in \(setup.userConfig) or \(setup.folder("system-config"))"),
                "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: setup.folder("missing.sqlite")))

        let typo = try setup.run(arguments + ["--db", setup.folder("typo.sqlite")])
        #expect(typo.status == 1)
        #expect(typo.stderr.contains("no event database at \(setup.folder("typo.sqlite")) (from the option --db)"), "\(typo.stderr)")
        #expect(!FileManager.default.fileExists(atPath: setup.folder("typo.sqlite")))
    }

    @Test func theUsersFileWinsOverTheSystemsAndTheEnvironmentOverBoth() throws {
        var setup = try Setup()
        defer { setup.folder.remove() }
        let sample = TestMessages.sample("delivered.eml")
        try setup.write("db = \(setup.folder("system.sqlite"))\nkey-dir = \(setup.folder("system-keys"))\n",
                        to: setup.folder("system-config"))
        #expect(try setup.run(["ingest", "-"], stdin: sample).status == 0)
        #expect(FileManager.default.fileExists(atPath: setup.folder("system.sqlite")))
        #expect(try setup.run(["list", "--format", "csv"]).stdout.contains(",delivered,alice@local.test,"))

        try setup.write("\n\ndb = \(setup.folder("user.sqlite"))\n", to: setup.userConfig)
        #expect(try setup.run(["list"]).status == 1, "the user's db does not exist yet")
        #expect(try setup.run(["ingest", "-"], stdin: sample).status == 0)
        #expect(FileManager.default.fileExists(atPath: setup.folder("user.sqlite")))

        let shown = try setup.run(["config", "show"])
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stdout.hasPrefix("""
            Config files
              user    \(setup.userConfig) (read)
              system  \(setup.folder("system-config")) (read, from environment EVENTS_SYSTEM_CONFIG)
            Database  \(setup.folder("user.sqlite"))
                      from \(setup.userConfig):3
            Keys      \(setup.folder("system-keys"))
                      from \(setup.folder("system-config")):2
            Settings
            """), "\(shown.stdout)")

        setup.environment["EVENTS_DB"] = setup.folder("system.sqlite")
        let fromEnvironment = try setup.run(["config", "show", "--key-dir", setup.folder("k")])
        #expect(fromEnvironment.stdout.contains("Database  \(setup.folder("system.sqlite"))\n          from environment EVENTS_DB\n"))
        #expect(fromEnvironment.stdout.contains("Keys      \(setup.folder("k"))\n          from option --key-dir\n"))
    }

    @Test func theKeysFolderComesFromTheConfigFile() throws {
        let setup = try Setup()
        defer { setup.folder.remove() }
        try setup.write("key-dir = \(setup.folder("keys"))\n", to: setup.userConfig)
        let made = try setup.run(["config", "key"])
        #expect(made.stdout == "made key k1 in \(setup.folder("keys")); new mail is signed with it\n", "\(made.stderr)")
        let again = try setup.run(["config", "key"])
        #expect(again.status == 0)
        #expect(again.stdout == "k1 (current: signs new mail)\n"
                + "A key exists; `events config key --rotate` makes a new one that signs new mail.\n")
        #expect(FileManager.default.fileExists(atPath: setup.folder("keys/k1.key")))
        #expect(!FileManager.default.fileExists(atPath: setup.folder("keys/k2.key")), "no key is made unasked")
        let rotated = try setup.run(["config", "key", "--rotate"])
        #expect(rotated.stdout.hasPrefix("made key k2 in \(setup.folder("keys"))"))
        #expect(try setup.run(["config", "key", "--list"]).stdout == "k1\nk2 (current: signs new mail)\n")
        #expect(try setup.run(["config", "key", "--rotate", "--list"]).status == 2)
    }
}
