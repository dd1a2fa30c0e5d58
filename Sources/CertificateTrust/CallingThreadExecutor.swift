import Foundation

/// A task executor whose jobs run on the thread that calls `runUntilFinished()`, until `finish()` is called
/// (by the last job of the task it serves). The jobs queue under a condition variable, as in a run loop.
@available(macOS 15, iOS 18, tvOS 18, watchOS 11, visionOS 2, *)
final class CallingThreadExecutor: TaskExecutor, @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var finished = false

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.withLock {
            jobs.append(job)
            condition.signal()
        }
    }

    func finish() {
        condition.withLock {
            finished = true
            condition.signal()
        }
    }

    /// Runs the jobs as they come, and returns once `finish()` was called and no job is left.
    func runUntilFinished() {
        while let job = nextJob() {
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }

    private func nextJob() -> UnownedJob? {
        condition.withLock {
            while jobs.isEmpty, !finished {
                condition.wait()
            }
            return jobs.isEmpty ? nil : jobs.removeFirst()
        }
    }
}
