import ArgumentParser
import BounceKit
import Foundation
import Ingest

/// How `parse`, `ingest` and `reparse` keep one hostile message from stopping a run: messages are
/// classified in worker processes (`events classify-worker`, one per core); a message that crashes
/// its worker or takes longer than the limit is kept as unrecognised with that cause.
struct IsolationOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Seconds one message may take to classify; past it the message is kept as unrecognised and the run goes on.",
        valueName: "seconds"))
    var messageTimeLimit: Double = 10

    @Flag(help: .hidden)
    var inProcess = false

    func validate() throws {
        guard messageTimeLimit > 0, messageTimeLimit <= 3600 else {
            throw ValidationError("--message-time-limit takes a number of seconds from 0.1 to 3600.")
        }
    }

    /// The runner for this command: isolated workers, unless this executable cannot be found again.
    /// With `explain`, findings carry every step of their reason decision.
    func runner(_ classifier: MessageClassifier, explain: Bool = false) -> ClassifierRunner {
        let classifier = explain ? MessageClassifier(classifier: BounceClassifier(recordsSteps: true), matcher: classifier.matcher,
                                                      companies: classifier.companies)
            : classifier
        guard !inProcess, let executable = Self.executable else { return ClassifierRunner(classifier: classifier) }
        return ClassifierRunner(classifier: classifier, workers: ClassifierWorkers.Settings(
            executable: executable, arguments: ["classify-worker"] + (explain ? ["--explain"] : []), timeLimit: messageTimeLimit))
    }

    /// This very executable, which serves as the workers.
    static let executable: String? = {
        let path = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
        return path.flatMap { FileManager.default.isExecutableFile(atPath: $0) ? $0 : nil }
    }()
}

extension Events {
    /// `events classify-worker`: the worker process `IsolationOptions` starts. Not for people.
    struct ClassifyWorker: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "classify-worker", abstract: "Classify framed messages from standard input (internal).",
            shouldDisplay: false)

        @Flag var explain = false

        func run() throws {
            let status = Self.serve(explain: explain)
            if status != 0 { throw ExitCode(status) }
        }

        static func serve(explain: Bool) -> Int32 {
            ClassifierWorker.serve(classifier: MessageClassifier(classifier: BounceClassifier(recordsSteps: explain)))
        }

        /// Whether to explain, for exactly the arguments `IsolationOptions.runner` starts a worker
        /// with; nil for anything else (which then goes through ArgumentParser as usual).
        static func directExplain(_ arguments: [String]) -> Bool? {
            guard arguments.first == "classify-worker" else { return nil }
            switch arguments.count {
            case 1: return false
            case 2 where arguments[1] == "--explain": return true
            default: return nil
            }
        }
    }
}
