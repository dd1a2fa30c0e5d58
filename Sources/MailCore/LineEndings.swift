/// Brings CRLF and bare-CR line endings to LF before parsing, so a message stored or piped with any
/// of the three gives the same result. RFC 5322 §2.1 says CRLF; stored mail says all three.
public enum LineEndings {
    /// `bytes` with every CRLF and lone CR turned into LF; the same array when it holds no CR.
    public static func normalized(_ bytes: [UInt8]) -> [UInt8] {
        let hasCR = bytes.withUnsafeBufferPointer { input in
            input.baseAddress.map { memchr($0, 0x0D, input.count) != nil } ?? false
        }
        guard hasCR else { return bytes }
        return bytes.withUnsafeBufferPointer { input in
            [UInt8](unsafeUninitializedCapacity: input.count) { output, count in
                guard let source = input.baseAddress, let target = output.baseAddress else { count = 0; return }
                let n = input.count
                var written = 0
                var index = 0
                // memchr finds each CR many bytes at a time; the run before it is copied whole.
                while index < n {
                    let end = memchr(source + index, 0x0D, n - index).map {
                        source.distance(to: $0.assumingMemoryBound(to: UInt8.self))
                    } ?? n
                    (target + written).initialize(from: source + index, count: end - index)
                    written += end - index
                    index = end
                    guard index < n else { break }
                    target[written] = 0x0A
                    written += 1
                    index += index + 1 < n && source[index + 1] == 0x0A ? 2 : 1
                }
                count = written
            }
        }
    }
}
