/// Text where bytes and `Character`s cannot differ: all ASCII, with no carriage return. In ASCII
/// text every `Character` is one byte except `"\r\n"`, which is one `Character` made of two; so
/// plain text splits, counts, searches and compares the same by bytes as by characters, at a
/// fraction of the cost (a `String` breaks graphemes for every `Character` it yields). Byte paths
/// for plain text stand beside `Character` code that keeps handling everything else.
public enum PlainASCII {
    /// Whether `bytes` are all ASCII with no carriage return (0x0D).
    @inlinable
    public static func isPlain(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        let count = bytes.count
        if let base = bytes.baseAddress {
            while index + 8 <= count {
                let word = ByteWord.load(base + index)
                if ByteWord.hasNonASCII(word) || ByteWord.hasByte(word, 0x0D) { return false }
                index += 8
            }
        }
        while index < count {
            let byte = bytes[index]
            if byte >= 0x80 || byte == 0x0D { return false }
            index += 1
        }
        return true
    }

    /// Whether `bytes` are all ASCII (below 0x80), carriage returns included.
    @inlinable
    public static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        let count = bytes.count
        if let base = bytes.baseAddress {
            while index + 8 <= count {
                if ByteWord.hasNonASCII(ByteWord.load(base + index)) { return false }
                index += 8
            }
        }
        while index < count {
            if bytes[index] >= 0x80 { return false }
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
}
