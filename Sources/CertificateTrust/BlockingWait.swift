import Dispatch
import Foundation

/// Runs async work to completion for a synchronous caller (a `ParsableCommand`'s `run()`, a C callback in the
/// middle of a TLS handshake), blocking the calling thread meanwhile.
///
/// Where task executors exist (Linux, macOS 15 and later) the work runs on the calling thread itself, so it
/// needs no thread of Swift's cooperative pool: blocking the caller cannot starve it, even when the caller is
/// itself on that pool (a test, an async command) and every other pool thread is blocked too. Elsewhere the
/// work runs in a detached task and the caller waits on a semaphore.
enum BlockingWait {
    static func run<Value: Sendable>(_ work: @escaping @Sendable () async -> Value) -> Value {
        let outcome = Outcome<Value>()
        if #available(macOS 15, iOS 18, tvOS 18, watchOS 11, visionOS 2, *) {
            let executor = CallingThreadExecutor()
            Task(executorPreference: executor) {
                outcome.set(await work())
                executor.finish()
            }
            executor.runUntilFinished()
        } else {
            let finished = DispatchSemaphore(value: 0)
            Task.detached {
                outcome.set(await work())
                finished.signal()
            }
            finished.wait()
        }
        return outcome.get()
    }
}

/// The value handed from the task to the waiting thread.
private final class Outcome<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value?

    func set(_ newValue: Value) {
        lock.withLock { value = newValue }
    }

    func get() -> Value {
        lock.withLock { value! }
    }
}
