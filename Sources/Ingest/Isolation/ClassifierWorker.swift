#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// The worker side of `ClassifierWorkers`: reads framed messages from standard input, classifies
/// each (without matching) and writes the framed answer to standard output, until its input ends.
public enum ClassifierWorker {
    /// Serves until standard input ends. Returns the exit status.
    public static func serve(classifier: MessageClassifier = MessageClassifier()) -> Int32 {
        let faults = TestFaults(setting: getenv("EVENTS_TEST_FAULTS").map { String(cString: $0) })
        var answer = WireWriter(capacity: 4096)
        while true {
            guard let message = DescriptorIO.readFrame(0, waitingWith: {}) else { return 0 }
            faults?.inject(for: message)
            let classification = classifier.unmatchedClassification(for: message)
            answer.frame { classification.write(to: &$0) }
            guard DescriptorIO.writeAll(1, answer.bytes) else { return 1 }
        }
    }
}

/// Fault injection for the isolation tests, honoured only when `EVENTS_TEST_FAULTS=1`: a message
/// containing `X-Events-Test-Fault: crash` makes the worker abort, `… hang` makes it stall.
struct TestFaults {
    static let crash = Array("X-Events-Test-Fault: crash".utf8)
    static let hang = Array("X-Events-Test-Fault: hang".utf8)

    /// `setting` is the variable's value. Read with `getenv`: a worker has no other use for the
    /// environment, and `ProcessInfo.environment` builds a dictionary of all of it (about a
    /// million instructions, 7% of an idle worker's start-up).
    init?(setting: String?) {
        guard setting == "1" else { return nil }
    }

    func inject(for message: [UInt8]) {
        if Self.contains(message, Self.crash) { abort() }
        if Self.contains(message, Self.hang) { while true { sleep(60) } }
    }

    private static func contains(_ bytes: [UInt8], _ pattern: [UInt8]) -> Bool {
        guard bytes.count >= pattern.count else { return false }
        return (0...(bytes.count - pattern.count)).contains { bytes[$0..<$0 + pattern.count].elementsEqual(pattern) }
    }
}
