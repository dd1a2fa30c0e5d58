import ArgumentParser
import MessageTag

extension Events.Config {
    /// `events config key`: makes the secret key that signs outgoing tags, or lists the keys.
    struct Key: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make a new tag signing key (it signs new mail; older keys still verify), or list them.",
            discussion: """
                Keys are files of their own, mode 0600, in the keys' folder; the event database holds only \
                tags. Rotate by making a new key: mail sent before keeps matching while its key is kept. \
                Remove an old key (--remove ID) only when no more bounces for mail it signed are expected.
                """
        )

        @OptionGroup var keys: KeyOptions

        @Flag(help: "List the keys instead of making one.")
        var list = false

        @Option(help: ArgumentHelp("Remove this key: tags it signed no longer verify.", valueName: "id"))
        var remove: String?

        func run() throws {
            try CommandFailure.reporting {
                let directory = try keys.directory()
                if let remove {
                    try directory.remove(id: remove)
                    Output.standardOutput.write("removed key \(remove)\n")
                } else if list {
                    let ring = try directory.load()
                    if ring.keys.isEmpty {
                        Output.standardOutput.write("No keys in \(directory.path): make one with `events config key`.\n")
                    }
                    for key in ring.keys {
                        Output.standardOutput.write("\(key.id)\(key.id == ring.current?.id ? " (current: signs new mail)" : "")\n")
                    }
                } else {
                    let key = try directory.createKey()
                    Output.standardOutput.write("made key \(key.id) in \(directory.path); new mail is signed with it\n")
                }
                Output.standardOutput.flush()
            }
        }
    }
}
