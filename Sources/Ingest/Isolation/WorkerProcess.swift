#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// One classifier worker: a child process running `events classify-worker`, reading framed
/// messages on its standard input and answering each, in order, on its standard output. It has one
/// owner, which ends it (`stop`) or reaps it after it failed (`kill`).
///
/// Requests may be sent ahead of the answers (`send`, then `receive` for each), so the worker
/// finds its next message waiting when it finishes one. Its input is written without blocking:
/// what the pipe does not take at once is written while waiting for an answer, so neither side can
/// block the other however large the requests and answers are.
final class WorkerProcess {
    let pid: pid_t
    private static let spawning = NSLock()
    private let input: Int32
    private let output: Int32
    /// Framed requests not yet taken by the input pipe, from `unsentStart`.
    private var unsent: [UInt8] = []
    private var unsentStart = 0
    /// The worker no longer reads its input (it died): requests not written are dropped, and the
    /// answers it did write are still read, up to the end of its output.
    private var inputClosed = false
    /// The two descriptors polled while waiting for an answer: output, then input.
    private let polled = UnsafeMutablePointer<pollfd>.allocate(capacity: 2)
    /// The largest request buffer kept between messages: a rare large message's is freed.
    static let keptBufferCapacity = 1 << 20

    /// How an exchange with the worker went wrong.
    enum Failure: Error {
        /// The worker died (crashed, or was killed): its wait status.
        case died(Int32)
        /// It gave no answer within the time limit; it has been killed.
        case timedOut
        /// Its answer could not be read; it has been killed.
        case garbled
    }

    /// Starts `executable` with `arguments`; standard error goes to /dev/null (a crashing parser's
    /// noise is reported by the parent instead). Nil when it cannot be started.
    init?(executable: String, arguments: [String], environment: [String]) {
        // One spawn at a time: a pipe is close-on-exec only after fcntl, and another thread's
        // worker must not inherit it meanwhile (it would then never see its input end).
        Self.spawning.lock()
        defer { Self.spawning.unlock() }
        var toChild: [Int32] = [-1, -1], fromChild: [Int32] = [-1, -1]
        guard pipe(&toChild) == 0 else { return nil }
        guard pipe(&fromChild) == 0 else {
            close(toChild[0]); close(toChild[1])
            return nil
        }
        for fd in toChild + fromChild { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, toChild[0], 0)
        posix_spawn_file_actions_adddup2(&actions, fromChild[1], 1)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var pid: pid_t = 0
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup($0) } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        let status = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        close(toChild[0])
        close(fromChild[1])
        guard status == 0 else {
            close(toChild[1]); close(fromChild[0])
            return nil
        }
        self.pid = pid
        self.input = toChild[1]
        self.output = fromChild[0]
        _ = fcntl(input, F_SETFL, fcntl(input, F_GETFL) | O_NONBLOCK)
    }

    deinit {
        polled.deallocate()
    }

    /// Queues one message for the worker and writes what its input pipe takes now, without waiting
    /// for the worker to read it. Its answer comes from `receive`, after those of the messages sent
    /// before it. A worker that has died takes nothing: `receive` then reports it.
    func send(_ request: [UInt8]) {
        guard !inputClosed else { return }
        if unsentStart == unsent.count {
            // The buffer is kept for the next messages, unless a large one made it large.
            unsent.removeAll(keepingCapacity: unsent.capacity <= Self.keptBufferCapacity)
            unsentStart = 0
        }
        // One write of header and message, usually: every extra wake-up of the worker costs more
        // than copying the message once.
        unsent += Frame.header(count: request.count)
        unsent += request
        writeUnsent()
    }

    /// Waits at most `seconds` for the answer to the oldest message sent and not yet answered,
    /// writing the rest of the messages sent meanwhile.
    func receive(seconds: Double) throws(Failure) -> [UInt8] {
        let deadline = Monotonic.seconds() + seconds
        guard let answer = try DescriptorIO.readFrame(output, waitingWith: { () throws(Failure) in try waitForAnswer(until: deadline) })
        else { throw .died(kill()) }
        return answer
    }

    /// Writes as much of the unsent requests as the pipe takes without blocking.
    private func writeUnsent() {
        guard unsentStart < unsent.count, !inputClosed else { return }
        if let reached = DescriptorIO.writeAvailable(input, unsent, from: unsentStart) {
            unsentStart = reached
        } else {
            // EPIPE: the worker is gone.
            inputClosed = true
            unsent = []
            unsentStart = 0
        }
    }

    /// Ends a healthy worker: closing its input makes it exit; then it is reaped.
    func stop() {
        close(input)
        close(output)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
    }

    /// Kills the worker and returns its wait status (how it ended, if it had already).
    @discardableResult
    func kill() -> Int32 {
        inputClosed = true
        unsent = []
        unsentStart = 0
        _ = Glibc.kill(pid, SIGKILL)
        close(input)
        close(output)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        return status
    }

    /// Returns once the worker's answer can be read, writing unsent requests whenever its input
    /// takes more; kills it when the deadline passes first.
    private func waitForAnswer(until deadline: Double) throws(Failure) {
        while true {
            let left = deadline - Monotonic.seconds()
            guard left > 0 else {
                kill()
                throw .timedOut
            }
            let writing = unsentStart < unsent.count && !inputClosed
            polled[0] = pollfd(fd: output, events: Int16(POLLIN), revents: 0)
            polled[1] = pollfd(fd: input, events: Int16(POLLOUT), revents: 0)
            let ready = poll(polled, writing ? 2 : 1, Int32(min(left * 1000 + 1, Double(Int32.max))))
            if ready < 0 {
                if errno == EINTR { continue }
                return
            }
            if polled[0].revents != 0 { return }
            if writing, polled[1].revents != 0 { writeUnsent() }
        }
    }
}

/// A frame on the worker's pipes: a 4-byte little-endian length, then that many bytes.
enum Frame {
    static let headerSize = 4

    static func header(count: Int) -> [UInt8] {
        withHeader(count: count) { Array($0) }
    }

    /// The header's `headerSize` bytes for a frame of `count` bytes, without an array for them.
    static func withHeader<Result>(count: Int, _ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        withUnsafeBytes(of: UInt32(clamping: count).littleEndian, body)
    }

    static func count(_ header: [UInt8]) -> Int {
        header.enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
    }
}

/// Seconds of the monotonic clock (not moved by changes to the wall clock, nor by a test's faked one).
enum Monotonic {
    static func seconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }
}
