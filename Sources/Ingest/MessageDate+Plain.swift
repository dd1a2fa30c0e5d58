import MailModel

extension MessageDate {
    /// The usual Date field (ASCII, no CR: `Sun, 22 Nov 2026 13:04:58 +0000 (UTC)`) read as bytes,
    /// without a string per word: the seconds when every number is plain digits, the month a
    /// month's name and a numeric zone a sign and four digits; nil, for `generalSecondsSince1970`
    /// to decide, on anything else (signs, bad numbers, other words), so the two readings agree.
    static func plainSeconds(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        // The first six words outside comments, split at white space and commas (`tokens(_:)`).
        var words: [UnsafeBufferPointer<UInt8>] = []
        words.reserveCapacity(6)
        var depth = 0
        var start = -1
        func flush(_ end: Int) {
            if start >= 0, words.count < 6 { words.append(UnsafeBufferPointer(rebasing: bytes[start..<end])) }
            start = -1
        }
        for index in 0..<bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "("): flush(index); depth += 1
            // `tokens(_:)` drops a ")" outside a comment from its word ("ES)T" is EST): a word
            // here is a range of bytes, so such a field is left to the general reading.
            case UInt8(ascii: ")"): if depth == 0 { return nil } else { depth -= 1 }
            case _ where depth > 0: continue
            case 0x20, 0x09, 0x0A, UInt8(ascii: ","): flush(index)
            default: if start < 0 { start = index }
            }
        }
        flush(bytes.count)
        // An optional day-of-week: a word starting with a letter that names no month.
        if let first = words.first, isLetter(first[0]), month(first) == nil { words.removeFirst() }
        guard words.count >= 4,
              let day = number(words[0]), (1...31).contains(day),
              let month = month(words[1]),
              var year = number(words[2]) else { return nil }
        if words[2].count <= 2 { year += year < 50 ? 2000 : 1900 } else if words[2].count == 3 { year += 1900 }
        // time-of-day: the parts between colons, empty ones skipped (as `split(separator:)` does).
        let clock = words[3]
        var parts = (0, 0, 0)
        var partCount = 0
        var partStart = -1
        for index in 0...clock.count {
            guard index == clock.count || clock[index] == UInt8(ascii: ":") else {
                if partStart < 0 { partStart = index }
                continue
            }
            guard partStart >= 0 else { continue }
            guard partCount < 3, let value = number(UnsafeBufferPointer(rebasing: clock[partStart..<index])) else { return nil }
            switch partCount {
            case 0: parts.0 = value
            case 1: parts.1 = value
            default: parts.2 = value
            }
            partCount += 1
            partStart = -1
        }
        guard partCount >= 2 else { return nil }
        let (hour, minute, second) = parts
        guard (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second) else { return nil }
        var offset = 0
        if words.count > 4 {
            let zone = words[4]
            if zone[0] == UInt8(ascii: "+") || zone[0] == UInt8(ascii: "-") {
                guard zone.count == 5, let value = number(UnsafeBufferPointer(rebasing: zone[1...])) else { return nil }
                offset = (value / 100) * 3_600 + (value % 100) * 60
                if zone[0] == UInt8(ascii: "-") { offset = -offset }
            } else {
                guard let named = zoneOffset(Substring(String(decoding: zone, as: UTF8.self))) else { return nil }
                offset = named
            }
        }
        return seconds(year: year, month: month, day: day, hour: hour, minute: minute, second: second, offset: offset)
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20)
    }

    /// 1 to 9 ASCII digits as a number; nil for anything else (a sign, an empty or longer word).
    private static func number(_ word: UnsafeBufferPointer<UInt8>) -> Int? {
        guard (1...9).contains(word.count) else { return nil }
        var value = 0
        for byte in word {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    /// The month a word of at least three letters starts with (`Nov`, `November`), 1 to 12.
    private static func month(_ word: UnsafeBufferPointer<UInt8>) -> Int? {
        guard word.count >= 3 else { return nil }
        let key = packed(PlainASCII.lowercased(word[0]), PlainASCII.lowercased(word[1]), PlainASCII.lowercased(word[2]))
        return monthKeys.firstIndex(of: key).map { $0 + 1 }
    }

    /// `months` as three bytes each in one integer, compared with a word's first three at once.
    private static let monthKeys: [UInt32] = months.map { name in
        let bytes = Array(name.utf8)
        return packed(bytes[0], bytes[1], bytes[2])
    }

    private static func packed(_ first: UInt8, _ second: UInt8, _ third: UInt8) -> UInt32 {
        UInt32(first) << 16 | UInt32(second) << 8 | UInt32(third)
    }
}
