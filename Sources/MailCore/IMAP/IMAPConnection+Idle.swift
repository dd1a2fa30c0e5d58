import CEtPan
import Foundation

extension IMAPConnection {
    /// Why `idle` returned.
    public enum IdleWake: Sendable, Equatable {
        /// The server said something (new mail, usually).
        case activity
        /// Nothing happened within the time given.
        case timeout
        /// `interruptFD` became readable (a signal asked the run to stop).
        case interrupted
    }

    public var supportsIdle: Bool { mailimap_has_idle(session) != 0 }

    /// IDLE (RFC 2177) until the server reports something, `seconds` pass, or `interruptFD` becomes
    /// readable; then DONE, leaving the connection ready for the next command.
    public func idle(seconds: Int, interruptFD: Int32) throws(IMAPError) -> IdleWake {
        var started = Date()
        try check(mailimap_idle(session), "IDLE", started: started)
        let wake: IdleWake
        if let stream = session.pointee.imap_stream, stream.pointee.read_buffer_len > 0 {
            wake = .activity
        } else {
            var fds = [pollfd(fd: mailimap_idle_get_fd(session), events: Int16(POLLIN), revents: 0),
                       pollfd(fd: interruptFD, events: Int16(POLLIN), revents: 0)]
            let deadline = Date().addingTimeInterval(Double(seconds))
            var ready: Int32 = 0
            repeat {
                let remaining = max(0, Int32(min(deadline.timeIntervalSinceNow * 1000, Double(Int32.max))))
                ready = poll(&fds, nfds_t(fds.count), remaining)
            } while ready < 0 && errno == EINTR
            if fds[1].revents != 0 {
                wake = .interrupted
            } else if ready > 0 {
                wake = .activity
            } else {
                wake = .timeout
            }
        }
        started = Date()
        try check(mailimap_idle_done(session), "IDLE DONE", started: started)
        return wake
    }

    /// NOOP: asks the server for news (and checks the connection) without IDLE.
    public func noop() throws(IMAPError) {
        let started = Date()
        try check(mailimap_noop(session), "NOOP", started: started)
    }
}
