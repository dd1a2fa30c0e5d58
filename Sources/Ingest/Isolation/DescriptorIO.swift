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

    /// Reads up to `count` bytes into `bytes` from `offset` on; the count read, 0 at the end, -1 on error.
    static func read(_ fd: Int32, into bytes: inout [UInt8], from offset: Int) -> Int {
        while true {
            let got = bytes.withUnsafeMutableBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return Glibc.read(fd, base + offset, buffer.count - offset)
            }
            if got < 0, errno == EINTR { continue }
            return got
        }
    }

    /// Reads one frame (`Frame`) from `fd`, as few reads as the pipe allows: nil when the input
    /// ends or fails first. `wait` is called before each read (to poll with a deadline, or not).
    static func readFrame<E: Error>(_ fd: Int32, waitingWith wait: () throws(E) -> Void) throws(E) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: 1 << 16)
        var filled = 0
        var needed = Frame.headerSize
        while filled < needed {
            try wait()
            if bytes.count < needed { bytes += [UInt8](repeating: 0, count: needed - bytes.count) }
            let got = read(fd, into: &bytes, from: filled)
            guard got > 0 else { return nil }
            filled += got
            if needed == Frame.headerSize, filled >= Frame.headerSize {
                needed = Frame.headerSize + Frame.count(Array(bytes[0..<Frame.headerSize]))
            }
        }
        return Array(bytes[Frame.headerSize..<needed])
    }
}
