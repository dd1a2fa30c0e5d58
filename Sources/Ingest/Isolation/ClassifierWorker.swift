#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// The worker side of `ClassifierWorkers`: reads framed messages from standard input, classifies
/// each (without matching) and writes the framed answer to standard output, until its input ends.
public enum ClassifierWorker {
    /// Serves until standard input ends. Returns the exit status.
    public static func serve(classifier: MessageClassifier = MessageClassifier()) -> Int32 {
        let faults = TestFaults(environment: ProcessInfo.processInfo.environment)
        while true {
            guard let header = readExactly(Frame.headerSize) else { return 0 }
            guard let message = readExactly(Frame.count(header)) else { return 1 }
            faults?.inject(for: message)
            let answer = classifier.unmatchedClassification(for: message).wireBytes()
            guard writeAll(Frame.header(count: answer.count) + answer) else { return 1 }
        }
    }

    private static func readExactly(_ count: Int) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: count)
        var offset = 0
        while offset < count {
            let got = bytes.withUnsafeMutableBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return read(0, base + offset, count - offset)
            }
            if got < 0, errno == EINTR { continue }
            guard got > 0 else { return nil }
            offset += got
        }
        return bytes
    }

    private static func writeAll(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count, let base = buffer.baseAddress {
                let written = write(1, base + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += written
            }
            return true
        }
    }
}

/// Fault injection for the isolation tests, honoured only when `EVENTS_TEST_FAULTS=1`: a message
/// containing `X-Events-Test-Fault: crash` makes the worker abort, `… hang` makes it stall.
struct TestFaults {
    static let crash = Array("X-Events-Test-Fault: crash".utf8)
    static let hang = Array("X-Events-Test-Fault: hang".utf8)

    init?(environment: [String: String]) {
        guard environment["EVENTS_TEST_FAULTS"] == "1" else { return nil }
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
