import ArgumentParser
import BounceKit

extension Events {
    /// `events reasons`: every reason name with one line saying what it means, so that `onhold` or
    /// `oauthappconfig` in a list is explained where a user looks, not only in the source.
    struct Reasons: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reasons",
            abstract: "Explain every reason name in one line: delivery reasons, then submission reasons.",
            discussion: """
                Delivery reasons are what a report (bounce, delay, complaint, reply) says; submission \
                reasons are why our own SMTP submission to the sending server failed (kind submission_error).

                Examples:
                  events reasons
                  events reasons --format json
                """
        )

        @Option(help: "Output format: text, or json (one array of objects with group, reason and meaning).")
        var format: ShowFormat = .text

        /// The two groups, in the order they are printed.
        static let groups: [(key: String, title: String, reasons: [(name: String, meaning: String)])] = [
            ("delivery", "Delivery reasons (what a bounce, delay or other report says)",
             Reason.allCases.map { ($0.rawValue, $0.meaning) }),
            ("submission", "Submission reasons (why sending to our own SMTP server failed; kind submission_error)",
             SubmissionReason.allCases.map { ($0.rawValue, $0.meaning) }),
        ]

        func run() {
            switch format {
            case .text: Output.standardOutput.write(Self.text())
            case .json: Output.standardOutput.write(bytes: Self.json() + [0x0A])
            }
            Output.standardOutput.flush()
        }

        static func text() -> String {
            let width = groups.flatMap(\.reasons).map(\.name.count).max() ?? 0
            var lines: [String] = []
            for group in groups {
                if !lines.isEmpty { lines.append("") }
                lines.append(group.title)
                for reason in group.reasons {
                    lines.append("  " + reason.name + String(repeating: " ", count: width - reason.name.count + 2) + reason.meaning)
                }
            }
            return lines.joined(separator: "\n") + "\n"
        }

        static func json() -> [UInt8] {
            var bytes: [UInt8] = [UInt8(ascii: "[")]
            for (index, item) in groups.flatMap({ group in group.reasons.map { (group.key, $0) } }).enumerated() {
                if index > 0 { bytes += Array(",\n".utf8) }
                var object = JSONObjectWriter()
                object.field("group", item.0)
                object.field("reason", item.1.name)
                object.field("meaning", item.1.meaning)
                bytes += object.finish()
            }
            return bytes + [UInt8(ascii: "]")]
        }
    }
}
