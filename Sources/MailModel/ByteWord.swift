/// Tests on eight bytes at once, read as one little-endian word (SWAR): scans skip the runs of text
/// that hold none of the bytes they stop at. Each test is exact: it misses no byte and finds none
/// that is not there.
public enum ByteWord {
    @usableFromInline static let ones: UInt64 = 0x0101_0101_0101_0101
    @usableFromInline static let highs: UInt64 = 0x8080_8080_8080_8080

    /// The eight bytes at `pointer`, which need not be aligned.
    @inlinable @inline(__always)
    public static func load(_ pointer: UnsafePointer<UInt8>) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(pointer).loadUnaligned(as: UInt64.self))
    }

    /// Whether any byte of `word` is `byte`.
    @inlinable @inline(__always)
    public static func hasByte(_ word: UInt64, _ byte: UInt8) -> Bool {
        matches(word, byte) != 0
    }

    /// The high bit of each byte of `word` that is `byte` (a byte of `word ^ byte × 0x01…01` is
    /// zero exactly there), and perhaps of bytes after the first one (a borrow carries up): the
    /// lowest set bit marks exactly the first `byte`, so `trailingZeroBitCount / 8` of the mask
    /// (or of several masks or-ed) is its offset.
    @inlinable @inline(__always)
    public static func matches(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        let difference = word ^ (ones &* UInt64(byte))
        return (difference &- ones) & ~difference & highs
    }

    /// Whether any byte of `word` is below `limit` (at most 128).
    @inlinable @inline(__always)
    public static func hasByteBelow(_ word: UInt64, _ limit: UInt8) -> Bool {
        (word &- ones &* UInt64(limit)) & ~word & highs != 0
    }

    /// Whether any byte of `word` is 0x80 or above (not ASCII).
    @inlinable @inline(__always)
    public static func hasNonASCII(_ word: UInt64) -> Bool {
        word & highs != 0
    }
}
