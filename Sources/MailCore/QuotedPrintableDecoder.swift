/// Undoes quoted-printable (RFC 2045 §6.7) in Swift, within the body's own bounds: libetpan's
/// decoder reads and copies past the end of a body that ends inside an escape (`…=?` with no
/// bytes after it; found by the fuzzer as a heap-buffer-overflow in mmap_string_insert_len).
/// `=XY` (hex, any case) is the byte XY; `=` then optional blanks then a line break is a soft
/// break and vanishes; any other `=` is kept as it is, as RFC 2045 §6.7 advises for robustness.
enum QuotedPrintableDecoder {
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "=") else {
                out.append(byte)
                index += 1
                continue
            }
            if index + 2 < count, let high = hex(bytes[index + 1]), let low = hex(bytes[index + 2]) {
                out.append(high << 4 | low)
                index += 3
                continue
            }
            // A soft break: blanks, then CRLF or LF (or the end of the body).
            var next = index + 1
            while next < count, bytes[next] == 0x20 || bytes[next] == 0x09 { next += 1 }
            if next == count {
                index = next
            } else if bytes[next] == 0x0A {
                index = next + 1
            } else if bytes[next] == 0x0D, next + 1 < count, bytes[next + 1] == 0x0A {
                index = next + 2
            } else {
                out.append(byte)
                index += 1
            }
        }
        return out
    }

    static func hex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        default: return nil
        }
    }
}
