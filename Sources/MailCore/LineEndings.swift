/// Brings CRLF and bare-CR line endings to LF before parsing, so a message stored or piped with any
/// of the three gives the same result. RFC 5322 §2.1 says CRLF; stored mail says all three.
public enum LineEndings {
    /// `bytes` with every CRLF and lone CR turned into LF; the same array when it holds no CR.
    public static func normalized(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.contains(0x0D) else { return bytes }
        return bytes.withUnsafeBufferPointer { input in
            [UInt8](unsafeUninitializedCapacity: input.count) { output, count in
                var written = 0
                var index = 0
                let n = input.count
                while index < n {
                    let byte = input[index]
                    if byte == 0x0D {
                        output[written] = 0x0A
                        if index + 1 < n, input[index + 1] == 0x0A { index += 1 }
                    } else {
                        output[written] = byte
                    }
                    written += 1
                    index += 1
                }
                count = written
            }
        }
    }
}
