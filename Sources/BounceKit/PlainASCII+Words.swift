import MailModel

extension PlainASCII {
    /// The runs of `bytes` between separators, as offsets: what `split(whereSeparator:)` gives,
    /// in an array sized by counting the runs first (word lists otherwise grow a few times over).
    static func wordRanges(_ bytes: UnsafeBufferPointer<UInt8>, separatedBy isSeparator: (UInt8) -> Bool) -> [Range<Int>] {
        var count = 0
        var inWord = false
        for byte in bytes {
            let separator = isSeparator(byte)
            if !separator, !inWord { count += 1 }
            inWord = !separator
        }
        var words: [Range<Int>] = []
        words.reserveCapacity(count)
        var start: Int?
        for index in 0..<bytes.count {
            if isSeparator(bytes[index]) {
                if let wordStart = start { words.append(wordStart..<index) }
                start = nil
            } else if start == nil {
                start = index
            }
        }
        if let wordStart = start { words.append(wordStart..<bytes.count) }
        return words
    }
}
