/// Undoes quoted-printable (RFC 2045 §6.7) in Swift, within the body's own bounds: libetpan's
/// decoder reads and copies past the end of a body that ends inside an escape (`…=?` with no
/// bytes after it; found by the fuzzer as a heap-buffer-overflow in mmap_string_insert_len).
/// `=XY` (hex, any case) is the byte XY; `=` then optional blanks then a line break is a soft
/// break and vanishes; any other `=` is kept as it is, as RFC 2045 §6.7 advises for robustness.
enum QuotedPrintableDecoder {
    /// The runs between "=" signs are copied whole (memchr finds each "="); an escape is decoded
    /// in place. The output is never longer than the input.
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return [] }
        let count = bytes.count
        return [UInt8](unsafeUninitializedCapacity: count) { out, written in
            guard let target = out.baseAddress else { written = 0; return }
            var length = 0
            var index = 0
            while index < count {
                // The run up to the next "=" (or the end), copied as it is.
                let end = memchr(base + index, Int32(UInt8(ascii: "=")), count - index)
                    .map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) } ?? count
                if end > index {
                    (target + length).update(from: base + index, count: end - index)
                    length += end - index
                    index = end
                }
                guard index < count else { break }
                if index + 2 < count, let high = hex(bytes[index + 1]), let low = hex(bytes[index + 2]) {
                    target[length] = high << 4 | low
                    length += 1
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
                    target[length] = UInt8(ascii: "=")
                    length += 1
                    index += 1
                }
            }
            written = length
        }
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
