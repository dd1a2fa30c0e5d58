#if canImport(Glibc)
@_exported import Glibc
#endif

/// Buffered output to a file descriptor: findings are written a line at a time, and one `write`
/// per line would dominate a large run.
final class Output {
    nonisolated(unsafe) static let standardOutput = Output(fd: 1)
    nonisolated(unsafe) static let standardError = Output(fd: 2, capacity: 0)

    private let fd: Int32
    private let capacity: Int
    private var buffer: [UInt8] = []

    init(fd: Int32, capacity: Int = 1 << 16) {
        self.fd = fd
        self.capacity = capacity
        buffer.reserveCapacity(capacity)
    }

    func write(_ text: String) {
        var text = text
        text.withUTF8 { buffer.append(contentsOf: $0) }
        if buffer.count >= capacity { flush() }
    }

    func write(bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= capacity { flush() }
    }

    func flush() {
        var offset = 0
        buffer.withUnsafeBytes { raw in
            while offset < raw.count {
                let written = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return // EPIPE and the like: the reader is gone, nothing more to say.
                }
                offset += written
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    deinit { flush() }
}
