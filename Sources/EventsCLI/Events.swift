import ArgumentParser

/// The `events` command: turns the mail arriving at an event mailbox into classified delivery events.
public struct Events: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "events",
        abstract: "Classify bounces, delay notices, delivery reports and other mail sent to an event mailbox.",
        discussion: """
            Exit status: 0 when every input was read, 1 when some input could not be read or a run \
            failed, 2 on a usage error.

            Examples:
              events parse bounce.eml
              events ingest --maildir /var/mail/events/Maildir
              events list --failed --since 7d
              events sent --subject "invoice 42"
              events show --outgoing 17
              events reasons
            """,
        version: EventsVersion.string,
        subcommands: [Parse.self, Ingest.self, List.self, Show.self, Sent.self, Stats.self, Reasons.self, Reparse.self, Prune.self,
                      Send.self, Config.self, ClassifyWorker.self]
    )

    public init() {}

    /// Runs the command line and exits: 0 on success, the command's own code on failure, 2 on a
    /// usage error (ArgumentParser's default would be 64).
    public static func runAndExit(_ arguments: [String]? = nil) -> Never {
        let given = arguments ?? Array(CommandLine.arguments.dropFirst())
        if let explain = ClassifyWorker.directExplain(given) {
            // Started once per core by every parse, ingest and reparse: no argument parsing to pay.
            Glibc.exit(ClassifyWorker.serve(explain: explain))
        }
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            Self.exit()
        } catch {
            if exitCode(for: error) == .validationFailure, !(error is ExitCode) {
                Output.standardError.write(fullMessage(for: error) + "\n")
                Output.standardError.flush()
                Glibc.exit(2)
            }
            Self.exit(withError: error)
        }
    }
}

/// The version printed by `events --version` and recorded with parsed results.
public enum EventsVersion {
    public static let string = "0.1.0"
}
