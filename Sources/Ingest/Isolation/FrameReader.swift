#if canImport(Glibc)
import Glibc
#endif

/// Reads frames (`Frame`) from a pipe through a buffer of its own: one read takes whatever the
/// pipe holds, often a frame's header, its payload and the frames after it, where reading the
/// header and then the payload took two reads for every frame (and, for a reader that waits with
/// `poll`, two waits). A payload larger than the buffer is read straight into its own storage.
struct FrameReader {
    let fd: Int32
    /// Bytes read and not yet handed out are `buffer[start..<end]`.
    private var buffer: [UInt8]
    private var start = 0
    private var end = 0

    init(fd: Int32, capacity: Int = 64 << 10) {
        self.fd = fd
        buffer = [UInt8](repeating: 0, count: max(capacity, Frame.headerSize))
    }

    /// The next frame's payload; nil when the input ends or fails before the frame is complete.
    /// `wait` is called before each read (to poll with a deadline, or not at all), never when the
    /// frame is in the buffer already.
    mutating func next<E: Error>(waitingWith wait: () throws(E) -> Void) throws(E) -> [UInt8]? {
        guard try fill(atLeast: Frame.headerSize, waitingWith: wait) else { return nil }
        let count = buffer.withUnsafeBytes { bytes in
            (0..<Frame.headerSize).reduce(0) { $0 | Int(bytes[start + $1]) << (8 * $1) }
        }
        start += Frame.headerSize
        if count <= buffer.count {
            guard try fill(atLeast: count, waitingWith: wait) else { return nil }
            defer { start += count }
            return Array(buffer[start..<start + count])
        }
        return try readLarge(count: count, waitingWith: wait)
    }

    /// Makes at least `count` (at most the buffer's size) bytes available from `start`; false
    /// when the input ends or fails first.
    private mutating func fill<E: Error>(atLeast count: Int, waitingWith wait: () throws(E) -> Void) throws(E) -> Bool {
        if end - start >= count { return true }
        if start + count > buffer.count || start == end {
            // Move what is left to the front, so the buffer has room for the rest.
            let left = end - start
            if left > 0 { buffer.withUnsafeMutableBytes { $0.baseAddress!.copyMemory(from: $0.baseAddress! + start, byteCount: left) } }
            start = 0
            end = left
        }
        while end - start < count {
            try wait()
            let got = buffer.withUnsafeMutableBytes { bytes in Self.read(fd, bytes.baseAddress! + end, bytes.count - end) }
            guard got > 0 else { return false }
            end += got
        }
        return true
    }

    /// A payload larger than the buffer: what is buffered of it, then the rest read straight into
    /// its storage (never a byte of the next frame).
    private mutating func readLarge<E: Error>(count: Int, waitingWith wait: () throws(E) -> Void) throws(E) -> [UInt8]? {
        let buffered = end - start
        var complete = false
        var failure: E?
        let payload = [UInt8](unsafeUninitializedCapacity: count) { storage, initialized in
            guard let base = storage.baseAddress else { return }
            buffer.withUnsafeBytes { bytes in
                UnsafeMutableRawPointer(base).copyMemory(from: bytes.baseAddress! + start, byteCount: buffered)
            }
            var filled = buffered
            do throws(E) {
                while filled < count {
                    try wait()
                    let got = Self.read(fd, UnsafeMutableRawPointer(base + filled), count - filled)
                    guard got > 0 else { break }
                    filled += got
                }
            } catch {
                failure = error
            }
            complete = filled == count
            initialized = complete ? count : 0
        }
        start = 0
        end = 0
        if let failure { throw failure }
        return complete ? payload : nil
    }

    /// read(2), retried on EINTR: the count read, 0 at the end, -1 on an error.
    private static func read(_ fd: Int32, _ base: UnsafeMutableRawPointer, _ count: Int) -> Int {
        while true {
            let got = Glibc.read(fd, base, count)
            if got < 0, errno == EINTR { continue }
            return got
        }
    }
}
