#if canImport(Glibc)
import Glibc
#endif

/// Whole reads and writes on a pipe's file descriptor, retried across short counts and EINTR.
enum DescriptorIO {
    /// Writes all of `bytes`; false when the other end is gone (EPIPE) or another error occurs.
    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count, let base = buffer.baseAddress {
                let written = write(fd, base + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += written
            }
            return true
        }
    }

    /// Writes what `fd` (non-blocking) takes now of `bytes` from `offset` on; the offset reached,
    /// or nil when the other end is gone (EPIPE) or another error occurs.
    static func writeAvailable(_ fd: Int32, _ bytes: [UInt8], from offset: Int) -> Int? {
        bytes.withUnsafeBytes { buffer in
            var offset = offset
            while offset < buffer.count, let base = buffer.baseAddress {
                let written = write(fd, base + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    if errno == EAGAIN || errno == EWOULDBLOCK { break }
                    return nil
                }
                offset += written
            }
            return offset
        }
    }

    /// Reads up to `count` bytes to `base`; the count read, 0 at the end, -1 on error.
    private static func read(_ fd: Int32, to base: UnsafeMutableRawPointer, count: Int) -> Int {
        while true {
            let got = Glibc.read(fd, base, count)
            if got < 0, errno == EINTR { continue }
            return got
        }
    }

    /// Fills all of `buffer` from `fd`, calling `wait` before each read; false when the input
    /// ends or fails first.
    private static func fill<E: Error>(_ fd: Int32, _ buffer: UnsafeMutableRawBufferPointer,
                                       waitingWith wait: () throws(E) -> Void) throws(E) -> Bool {
        guard let base = buffer.baseAddress else { return true }
        var filled = 0
        while filled < buffer.count {
            try wait()
            let got = read(fd, to: base + filled, count: buffer.count - filled)
            guard got > 0 else { return false }
            filled += got
        }
        return true
    }

    /// Reads one frame (`Frame`) from `fd`: its header, then exactly its payload (never a byte of
    /// what follows), into storage of the payload's size that is not cleared first. Nil when the
    /// input ends or fails first. `wait` is called before each read (to poll with a deadline, or not).
    static func readFrame<E: Error>(_ fd: Int32, waitingWith wait: () throws(E) -> Void) throws(E) -> [UInt8]? {
        var header = (UInt8(0), UInt8(0), UInt8(0), UInt8(0))
        let complete = try withUnsafeMutableBytes(of: &header) { (buffer) throws(E) -> Bool in
            try fill(fd, buffer, waitingWith: wait)
        }
        guard complete else { return nil }
        let count = Frame.count([header.0, header.1, header.2, header.3])
        var payloadComplete = false
        var failure: E?
        let payload = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            do throws(E) {
                payloadComplete = try fill(fd, UnsafeMutableRawBufferPointer(buffer), waitingWith: wait)
            } catch {
                failure = error
            }
            initialized = payloadComplete ? count : 0
        }
        if let failure { throw failure }
        return payloadComplete ? payload : nil
    }
}
