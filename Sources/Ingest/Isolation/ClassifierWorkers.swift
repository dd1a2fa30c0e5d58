#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import Foundation

/// Classifies messages in worker processes (`events classify-worker`), one per core, so that a
/// message that crashes the C parser, or takes longer than `timeLimit`, costs that message and not
/// the run: it is kept as unrecognised with the reason, the worker is replaced, and the batch goes on.
public final class ClassifierWorkers: @unchecked Sendable {
    /// How to start a worker and how long one message may take.
    public struct Settings: Sendable {
        public var executable: String
        public var arguments: [String]
        public var count: Int
        /// Seconds one message may take before its worker is killed.
        public var timeLimit: Double

        public init(executable: String, arguments: [String] = ["classify-worker"],
                    count: Int = ProcessInfo.processInfo.activeProcessorCount, timeLimit: Double = 10) {
            self.executable = executable
            self.arguments = arguments
            self.count = max(1, count)
            self.timeLimit = timeLimit
        }
    }

    public let settings: Settings
    private let fallback: MessageClassifier
    /// One per lane; the array never changes, and each lane's thread alone touches its slot.
    private let lanes: [Lane]
    private let environment: [String]
    private let oneBatchAtATime = NSLock()

    /// `fallback` classifies in process when a worker cannot be started at all.
    public init(settings: Settings, fallback: MessageClassifier) {
        self.settings = settings
        self.fallback = fallback
        self.lanes = (0..<settings.count).map { _ in Lane() }
        self.environment = WorkerEnvironment.entries(from: ProcessInfo.processInfo.environment)
        // A worker that dies while we write to it must not take this process with it.
        signal(SIGPIPE, SIG_IGN)
    }

    deinit {
        for lane in lanes { lane.worker?.stop() }
    }

    /// Classifies `messages` (unmatched), in order, on all workers at once. Batches given from
    /// several threads are taken one after the other (each worker answers one message at a time).
    public func classify(_ messages: [[UInt8]]) -> [Classification] {
        oneBatchAtATime.lock()
        defer { oneBatchAtATime.unlock() }
        var results = [Classification?](repeating: nil, count: messages.count)
        let next = NextIndex()
        results.withUnsafeMutableBufferPointer { slots in
            // Each index is taken by exactly one worker thread, which alone writes its slot.
            nonisolated(unsafe) let slots = slots
            DispatchQueue.concurrentPerform(iterations: min(settings.count, messages.count)) { lane in
                classify(messages, taking: next, on: lanes[lane]) { index, classification in slots[index] = classification }
            }
        }
        return results.map { $0 ?? Classification.unrecognized(because: "the message was not classified",
                                                                remedy: Self.remedy, detector: "isolation") }
    }

    /// Messages a lane sends its worker ahead of the answers: the next one is waiting in the pipe
    /// when the worker finishes one.
    static let messagesAhead = 2

    /// One lane's part of a batch: takes messages from `next` and has its worker classify them,
    /// up to `messagesAhead` at a time, each answer in order. A worker that fails costs the message
    /// it was answering; the ones sent after it go to its replacement.
    private func classify(_ messages: [[UInt8]], taking next: NextIndex, on lane: Lane,
                          _ done: (Int, Classification) -> Void) {
        var sent: [Int] = []  // sent to lane.worker, not yet answered, oldest first
        var retry: [Int] = []  // sent to a worker that failed before answering them
        while true {
            while sent.count < Self.messagesAhead, let index = retry.isEmpty ? next.take(below: messages.count) : retry.removeFirst() {
                let bytes = messages[index]
                guard bytes.count < Int(UInt32.max) else {
                    done(index, .unrecognized(because: "the message is \(bytes.count) bytes long, more than a worker takes; "
                                              + "it is kept unparsed", remedy: Self.remedy, detector: "isolation"))
                    continue
                }
                guard let worker = lane.worker ?? startWorker(in: lane) else {
                    done(index, fallback.unmatchedClassification(for: bytes))
                    continue
                }
                worker.send(bytes)
                sent.append(index)
            }
            guard let oldest = sent.first, let worker = lane.worker else { return }
            sent.removeFirst()
            do throws(WorkerProcess.Failure) {
                let answer = try worker.receive(seconds: settings.timeLimit)
                do throws(WireError) {
                    done(oldest, try Classification(wireBytes: answer))
                } catch {
                    worker.kill()
                    throw .garbled
                }
            } catch {
                lane.worker = nil
                done(oldest, .unrecognized(because: Self.cause(of: error, timeLimit: settings.timeLimit),
                                           remedy: Self.remedy, detector: "isolation"))
                retry = sent + retry
                sent = []
            }
        }
    }

    private func startWorker(in lane: Lane) -> WorkerProcess? {
        lane.worker = WorkerProcess(executable: settings.executable, arguments: settings.arguments, environment: environment)
        return lane.worker
    }

    /// A lane's worker process, replaced after it fails.
    private final class Lane: @unchecked Sendable {
        var worker: WorkerProcess?
    }

    static let remedy = "Nothing to do for the run, which went on. The raw message is kept: look at it with "
        + "`events show`, and report it to the MailEvents developers if it is a real report."

    static func cause(of failure: WorkerProcess.Failure, timeLimit: Double) -> String {
        switch failure {
        case .timedOut:
            return "parsing took longer than the per-message limit of \(Self.seconds(timeLimit)); the message is kept unparsed"
        case .garbled:
            return "the parser's answer for this message could not be read; it is kept unparsed"
        case .died(let status):
            let signal = status & 0x7F
            if signal != 0 {
                let name = strsignal(signal).map { String(cString: $0) } ?? "signal \(signal)"
                return "the parser crashed on this message (\(name), signal \(signal)); it is kept unparsed"
            }
            return "the parser stopped on this message (exit status \(status >> 8 & 0xFF)); it is kept unparsed"
        }
    }

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }
}

/// Hands out the indexes of a batch, each once, to the worker threads.
private final class NextIndex: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0

    func take(below count: Int) -> Int? {
        lock.withLock {
            guard next < count else { return nil }
            defer { next += 1 }
            return next
        }
    }
}
