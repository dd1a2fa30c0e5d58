@testable import EventsCLI
import Testing

@Suite("config file")
struct ConfigFileTests {
    @Test func keysValuesCommentsAndQuotes() throws {
        let config = try ConfigFile(path: "c", text: """
            # the event mailbox
            imap = imaps://events@imap.example.com/INBOX
              password-file = "/etc/mailevents/imap password"

            after=move:Processed
            timeout = 45
            insecure = no
            """)
        #expect(config.string("imap") == "imaps://events@imap.example.com/INBOX")
        #expect(config.string("password-file") == "/etc/mailevents/imap password")
        #expect(config.string("after") == "move:Processed")
        #expect(try config.int("timeout") == 45)
        #expect(try config.bool("insecure") == false)
        #expect(try config.bool("watch") == nil)
        #expect(config.string("db") == nil)
    }

    @Test(arguments: [
        ("imap imaps://x", "c:1: expected 'key = value'"),
        ("imap = a\nimap = b", "c:2: 'imap' is already set on line 1"),
        ("colour = blue", "c:1: unknown key 'colour'; known keys: after, ca-file"),
        ("password = hunter2", "c:1: unknown key 'password' (secrets stay out of the config: put the password in a file and give password-file)"),
    ])
    func mistakesNameTheLine(text: String, message: String) {
        do {
            _ = try ConfigFile(path: "c", text: text)
            Issue.record("no error for \(text)")
        } catch {
            #expect("\(error)".hasPrefix(message), "\(error)")
        }
    }

    @Test func badValuesNameTheLine() throws {
        let config = try ConfigFile(path: "c", text: "timeout = soon\nwatch = maybe")
        #expect(throws: CommandFailure.self) { try config.int("timeout") }
        do { _ = try config.bool("watch") } catch { #expect("\(error)" == "c:2: 'watch' takes yes or no, not 'maybe'") }
    }

    /// The user's values win key by key; each still names its own file in messages.
    @Test func theUsersFileOverridesTheSystemsKeyByKey() throws {
        let system = try ConfigFile(path: "/etc/c", text: "db = /srv/e.sqlite\nkey-dir = /srv/keys\ntimeout = soon")
        let user = try ConfigFile(path: "u", text: "db = /home/e.sqlite")
        let merged = user.overriding(system)
        #expect(merged.string("db") == "/home/e.sqlite")
        #expect(merged.string("key-dir") == "/srv/keys")
        let error = #expect(throws: CommandFailure.self) { try merged.int("timeout") }
        #expect(error.map { "\($0)" } == "/etc/c:3: 'timeout' takes a whole number, not 'soon'")
    }

    @Test func defaultLocationIsUsedOnlyWhenItExists() throws {
        #expect(try ConfigFile.load(explicit: nil, environment: ["XDG_CONFIG_HOME": "/nonexistent-xdg"]) == nil)
        #expect(throws: CommandFailure.self) { try ConfigFile.load(explicit: "/nonexistent/config", environment: [:]) }
        #expect(throws: CommandFailure.self) { try ConfigFile.load(explicit: nil, environment: ["EVENTS_CONFIG": "/nonexistent/c"]) }
    }
}
