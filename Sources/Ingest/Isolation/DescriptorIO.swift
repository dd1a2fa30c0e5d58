#if canImport(Glibc)
import Glibc
#endif

/// Whole writes on a pipe's file descriptor, retried across short counts and EINTR (frames are read
/// by `FrameReader`).
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
}
