import ArgumentParser
import BounceKit
import Ingest

extension Events {
    /// `events parse`: classify messages and print the findings; nothing is stored.
    struct Parse: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "parse",
            abstract: "Classify messages and print one finding per recipient; nothing is stored.",
            discussion: """
                PATH may be a message file, an mbox file, a Maildir (new/ and cur/ are read), a folder \
                of message files (read recursively), or - for standard input (one message or an mbox \
                stream). An unreadable path is reported on standard error and the run goes on; the exit \
                status is then 1.

                Examples:
                  events parse --format table ~/Maildir/.Bounces
                  events parse --explain --format table samples/postfix/expired.eml
                  cat bounce.eml | events parse -
                """
        )

        @Option(help: "Output format: jsonl (one JSON object per finding) or table.")
        var format: FindingFormat = .jsonl

        @Flag(help: "Show how each reason was decided: every step of the precedence and the rule that decided (JSON: a \"trace\" array).")
        var explain = false

        @OptionGroup var isolation: IsolationOptions

        @Argument(help: "Message files, mbox files, Maildirs or folders; - reads standard input.")
        var paths: [String]

        func validate() throws {
            if paths.isEmpty {
                throw ValidationError("Give at least one PATH to parse, or - to read standard input.")
            }
            if paths.filter({ $0 == "-" }).count > 1 {
                throw ValidationError("Standard input (-) can be read only once.")
            }
        }

        func run() throws {
            let printer = FindingPrinter(format: format, output: .standardOutput, explain: explain)
            let report = ParseRun(paths: paths, runner: isolation.runner(MessageClassifier(), explain: explain)).run { raw, findings in
                printer.print(raw: raw, findings: findings)
            }
            printer.finish()
            for error in report.errors {
                Output.standardError.write("events: \(error)\n")
            }
            if !report.errors.isEmpty { throw ExitCode(1) }
        }
    }
}

/// How `events parse` prints findings.
enum FindingFormat: String, ExpressibleByArgument, CaseIterable {
    case jsonl, table
}
