import BounceKit
import Ingest

/// Reads every input, classifies each message and hands the findings on, in input order. Inputs
/// that cannot be read are collected, not thrown, so one bad path does not stop the rest.
struct ParseRun {
    let paths: [String]
    var classifier = MessageClassifier()

    struct Report {
        var messages = 0
        var errors: [InputError] = []
    }

    func run(_ emit: (RawMessage, [Finding]) -> Void) -> Report {
        var report = Report()
        for path in paths {
            do {
                try MessageInput.forEachMessage(at: path, failure: { report.errors.append($0) }) { raw in
                    report.messages += 1
                    emit(raw, classifier.findings(for: raw.bytes))
                }
            } catch let error as InputError {
                report.errors.append(error)
            } catch {
                report.errors.append(InputError(path: path, reason: "\(error)"))
            }
        }
        return report
    }
}
