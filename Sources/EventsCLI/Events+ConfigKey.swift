import ArgumentParser
import MessageTag

extension Events.Config {
    /// `events config key`: makes the first signing key, rotates only when asked, lists or removes.
    /// A bare `events config key` once made a new key every time, so a setup script run twice
    /// rotated keys unasked; now it makes the first key only and otherwise shows the keys.
    struct Key: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "key",
            abstract: "Make the first tag signing key, rotate it (--rotate), list or remove keys.",
            discussion: """
                Keys are files of their own, mode 0600, in the keys' folder; the event database holds only \
                tags. With no option: makes the first key if there is none, else lists the keys. --rotate \
                makes a new key that signs new mail; mail sent before keeps matching while its key is kept. \
                Remove an old key (--remove ID) only when no more bounces for mail it signed are expected.

                Examples:
                  events config key                  # once: the first key
                  events config key --rotate         # a new current key
                  events config key --remove k1      # after the last bounces for k1's mail
                """
        )

        @OptionGroup var keys: KeyOptions

        @Flag(help: "Make a new key that signs new mail from now on (older keys still verify).")
        var rotate = false

        @Flag(help: "List the keys.")
        var list = false

        @Option(help: ArgumentHelp("Remove this key: tags it signed no longer verify.", valueName: "id"))
        var remove: String?

        func validate() throws {
            let given = [rotate ? "--rotate" : nil, list ? "--list" : nil, remove.map { _ in "--remove" }].compactMap { $0 }
            if given.count > 1 { throw ValidationError("Give one of \(given.joined(separator: ", ")).") }
        }

        func run() throws {
            try CommandFailure.reporting {
                let directory = try keys.directory()
                if let remove {
                    try directory.remove(id: remove)
                    Output.standardOutput.write("removed key \(remove)\n")
                } else if list {
                    Output.standardOutput.write(Self.listing(try directory.load(), in: directory.path))
                } else if rotate {
                    try make(in: directory)
                } else {
                    let ring = try directory.load()
                    if ring.keys.isEmpty {
                        try make(in: directory)
                    } else {
                        Output.standardOutput.write(Self.listing(ring, in: directory.path)
                            + "A key exists; `events config key --rotate` makes a new one that signs new mail.\n")
                    }
                }
                Output.standardOutput.flush()
            }
        }

        private func make(in directory: KeyDirectory) throws {
            let key = try directory.createKey()
            Output.standardOutput.write("made key \(key.id) in \(directory.path); new mail is signed with it\n")
        }

        static func listing(_ ring: KeyRing, in path: String) -> String {
            if ring.keys.isEmpty { return "No keys in \(path): make one with `events config key`.\n" }
            return ring.keys.map { "\($0.id)\($0.id == ring.current?.id ? " (current: signs new mail)" : "")\n" }.joined()
        }
    }
}
