extension LineEndings {
    /// Every LF, CRLF and lone CR as CRLF, ending with one (RFC 5322 §2.1, RFC 5321 §2.3.8).
    static func crlf(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + bytes.count / 40 + 2)
        for byte in normalized(bytes) {
            if byte == 0x0A { output.append(0x0D) }
            output.append(byte)
        }
        if output.last != 0x0A { output += [0x0D, 0x0A] }
        return output
    }

    /// ASCII without controls other than CR, LF and tab, with lines of at most 78 characters:
    /// sendable as 7bit (RFC 2045 §2.7) without re-encoding.
    static func isSevenBitWithShortLines(_ bytes: [UInt8]) -> Bool {
        var length = 0
        for byte in bytes {
            switch byte {
            case 0x0D: continue
            case 0x0A: length = 0
            case 0x09, 0x20...0x7E:
                length += 1
                if length > 78 { return false }
            default: return false
            }
        }
        return true
    }
}
