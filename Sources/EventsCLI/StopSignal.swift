import Dispatch
import Foundation

/// SIGINT and SIGTERM turned into a request to stop: a flag checked between batches and a pipe whose
/// read end wakes a waiting `poll` (IMAP IDLE, a reconnect delay).
final class StopSignal: @unchecked Sendable {
    private let lock = NSLock()
    private var requested = false
    private var sources: [DispatchSourceSignal] = []
    /// Becomes readable once a stop is requested.
    let readFD: Int32
    private let writeFD: Int32

    init() {
        var fds: [Int32] = [0, 0]
        precondition(pipe(&fds) == 0, "pipe: \(String(cString: strerror(errno)))")
        readFD = fds[0]
        writeFD = fds[1]
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [weak self] in self?.request() }
            source.resume()
            sources.append(source)
        }
    }

    deinit {
        for source in sources { source.cancel() }
        close(readFD)
        close(writeFD)
    }

    var isRequested: Bool {
        lock.withLock { requested }
    }

    func request() {
        let first = lock.withLock {
            defer { requested = true }
            return !requested
        }
        if first {
            var byte: UInt8 = 1
            _ = write(writeFD, &byte, 1)
        }
    }

    /// Sleeps up to `seconds`; returns false when a stop was requested meanwhile.
    func sleep(seconds: Int) -> Bool {
        var descriptor = pollfd(fd: readFD, events: Int16(POLLIN), revents: 0)
        let deadline = Date().addingTimeInterval(Double(seconds))
        while !isRequested {
            let remaining = deadline.timeIntervalSinceNow
            if remaining <= 0 { return true }
            _ = poll(&descriptor, 1, Int32(remaining * 1000))
        }
        return false
    }
}
