/// Text where bytes and `Character`s cannot differ: all ASCII, with no carriage return. In ASCII
/// text every `Character` is one byte except `"\r\n"`, which is one `Character` made of two; so
/// plain text splits, counts, searches and compares the same by bytes as by characters, at a
/// fraction of the cost (a `String` breaks graphemes for every `Character` it yields). Byte paths
/// for plain text stand beside `Character` code that keeps handling everything else.
public enum PlainASCII {
    /// Whether `byte` is an ASCII capital letter (A–Z).
    @inlinable @inline(__always)
    public static func isUppercase(_ byte: UInt8) -> Bool {
        byte &- 0x41 < 26
    }

    /// `byte` with an ASCII capital letter lowercased, any other byte as it is: what `lowercased()`
    /// does to ASCII.
    @inlinable @inline(__always)
    public static func lowercased(_ byte: UInt8) -> UInt8 {
        isUppercase(byte) ? byte | 0x20 : byte
    }

    /// Whether `bytes` are `lowercase` (lowercase ASCII text: a key, a field name) with ASCII capital
    /// letters taken as their small ones: a case-insensitive comparison that makes no lowercased copy.
    @inlinable
    public static func equalsIgnoringCase(_ bytes: UnsafeBufferPointer<UInt8>, lowercase: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count == lowercase.count else { return false }
        for index in 0..<bytes.count where lowercased(bytes[index]) != lowercase[index] { return false }
        return true
    }

    /// Whether `bytes` are all ASCII with no carriage return (0x0D).
    @inlinable
    public static func isPlain(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        none(of: bytes, word: { ByteWord.hasNonASCII($0) || ByteWord.hasByte($0, 0x0D) }, byte: { $0 >= 0x80 || $0 == 0x0D })
    }

    /// Whether `bytes` are all ASCII (below 0x80), carriage returns included.
    @inlinable
    public static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        none(of: bytes, word: ByteWord.hasNonASCII, byte: { $0 >= 0x80 })
    }

    /// Whether no byte of `bytes` is one `byte` picks out, eight at a time where `word` (which must
    /// hold exactly when one of its eight bytes is) says none of them is.
    @inlinable @inline(__always)
    static func none(of bytes: UnsafeBufferPointer<UInt8>, word: (UInt64) -> Bool, byte: (UInt8) -> Bool) -> Bool {
        var index = 0
        let count = bytes.count
        if let base = bytes.baseAddress {
            while index + 8 <= count {
                if word(ByteWord.load(base + index)) { return false }
                index += 8
            }
        }
        while index < count {
            if byte(bytes[index]) { return false }
            index += 1
        }
        return true
    }

    /// Whether `text` is all ASCII with no carriage return.
    @inlinable
    public static func isPlain(_ text: String) -> Bool {
        var text = text
        return text.withUTF8(isPlain)
    }

    /// Whether `text` is all ASCII with no carriage return.
    @inlinable
    public static func isPlain(_ text: Substring) -> Bool {
        var text = text
        return text.withUTF8(isPlain)
    }
}
