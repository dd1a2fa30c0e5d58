import BounceKit
import Ingest

/// Reads every input, classifies each message and hands the findings on, in input order. Inputs
/// that cannot be read are collected, not thrown, so one bad path does not stop the rest.
struct ParseRun {
    let paths: [String]
    let runner: ClassifierRunner

    struct Report {
        var messages = 0
        var errors: [InputError] = []
    }

    func run(_ emit: @escaping (RawMessage, [Finding]) -> Void) -> Report {
        var report = Report()
        let batches = BatchClassifier(runner: runner, emit: emit)
        for path in paths {
            do {
                try MessageInput.forEachMessage(at: path, failure: { report.errors.append($0) }) { raw in
                    report.messages += 1
                    batches.add(raw)
                }
            } catch let error as InputError {
                report.errors.append(error)
            } catch {
                report.errors.append(InputError(path: path, reason: "\(error)"))
            }
        }
        batches.flush()
        return report
    }
}
