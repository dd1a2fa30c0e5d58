import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Cross-process exclusion per account. flock, not a lock in memory: the other holder is usually
/// another `events` process (a cron run beside a manual one); flock locks also die with their process.
extension TokenStore {
    /// One holder at a time per account across processes: flock(LOCK_EX) on NAME.lock (0600) in the directory; waits
    /// up to `timeout` s (poll LOCK_NB every 50 ms) then throws .lockTimeout.
    public func withLock<T>(_ name: String, timeout: TimeInterval = 60, _ body: () throws -> T) throws -> T {
        guard Self.isValidName(name) else { throw TokenStoreError.badName(name) }
        try makeDirectory()
        let path = directory + "/" + name + ".lock"
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw TokenStoreError.unwritable(path: path, reason: Self.errorText()) }
        defer { close(fd) }
        _ = fchmod(fd, 0o600)
        let deadline = Date(timeIntervalSinceNow: timeout)
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else {
                throw TokenStoreError.unwritable(path: path, reason: Self.errorText())
            }
            guard Date() < deadline else { throw TokenStoreError.lockTimeout(name) }
            usleep(50_000)
        }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }
}
