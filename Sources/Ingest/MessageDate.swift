import MailModel

/// Reads a `Date:` header field into seconds since 1970 (UTC).
///
///     date-time   = [ day-of-week "," ] date time [CFWS]      (RFC 5322 §3.3)
///     date        = day month year
///     time        = time-of-day zone
///     time-of-day = hour ":" minute [ ":" second ]
///     zone        = ( "+" / "-" ) 4DIGIT
///     obs-zone    = "UT" / "GMT" / "EST" / "EDT" / … / military letters   (RFC 5322 §4.3)
///
/// Comments (`(UTC)`), two-digit years (§4.3: 00–49 → 20xx, 50–99 → 19xx) and a missing
/// day-of-week are accepted; anything else gives nil.
public enum MessageDate {
    public static func secondsSince1970(_ field: String) -> Int64? {
        var field = field
        if let seconds = field.withUTF8({ PlainASCII.isPlain($0) ? plainSeconds($0) : nil }) { return seconds }
        return generalSecondsSince1970(field)
    }

    /// `secondsSince1970` read through `tokens(_:)` and the standard library's integer parsing: every
    /// field the byte reading (`plainSeconds`) leaves undecided.
    static func generalSecondsSince1970(_ field: String) -> Int64? {
        var tokens = tokens(field)
        if let first = tokens.first, first.first?.isLetter == true, month(first) == nil { tokens.removeFirst() }
        guard tokens.count >= 4,
              let day = Int(tokens[0]), (1...31).contains(day),
              let month = month(tokens[1]),
              var year = Int(tokens[2]) else { return nil }
        if tokens[2].count <= 2 { year += year < 50 ? 2000 : 1900 } else if tokens[2].count == 3 { year += 1900 }
        let clock = tokens[3].split(separator: ":")
        guard clock.count == 2 || clock.count == 3,
              let hour = Int(clock[0]), (0...23).contains(hour),
              let minute = Int(clock[1]), (0...59).contains(minute) else { return nil }
        let second = clock.count == 3 ? Int(clock[2]) : 0
        guard let second, (0...60).contains(second) else { return nil }
        let offset = tokens.count > 4 ? zoneOffset(tokens[4]) : 0
        guard let offset else { return nil }
        return seconds(year: year, month: month, day: day, hour: hour, minute: minute, second: second, offset: offset)
    }

    static func seconds(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, offset: Int) -> Int64 {
        let days = daysSince1970(year: year, month: month, day: day)
        return Int64(days) * 86_400 + Int64(hour * 3_600 + minute * 60 + second) - Int64(offset)
    }

    /// The words of `field` outside comments, split at white space and commas.
    static func tokens(_ field: String) -> [Substring] {
        var field = field
        // ASCII without CR (every Date field mail software writes) by bytes, where every character
        // is one byte; otherwise by characters ("\r\n" is one character, and no separator).
        if let tokens = field.withUTF8({ PlainASCII.isPlain($0) ? tokens(plain: $0) : nil }) {
            return tokens
        }
        return tokens(characters: field)
    }

    static func tokens(plain bytes: UnsafeBufferPointer<UInt8>) -> [Substring] {
        var tokens: [Substring] = []
        var depth = 0
        var current: [UInt8] = []
        func flush() {
            if !current.isEmpty { tokens.append(Substring(String(decoding: current, as: UTF8.self))); current.removeAll(keepingCapacity: true) }
        }
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "("): depth += 1; flush()
            case UInt8(ascii: ")"): depth = max(0, depth - 1)
            case _ where depth > 0: continue
            case 0x20, 0x09, 0x0A, UInt8(ascii: ","): flush()
            default: current.append(byte)
            }
        }
        flush()
        return tokens
    }

    static func tokens(characters field: String) -> [Substring] {
        var tokens: [Substring] = []
        var depth = 0
        var current = ""
        func flush() {
            if !current.isEmpty { tokens.append(Substring(current)); current = "" }
        }
        for character in field {
            switch character {
            case "(": depth += 1; flush()
            case ")": depth = max(0, depth - 1)
            case _ where depth > 0: continue
            case " ", "\t", "\r", "\n", ",": flush()
            default: current.append(character)
            }
        }
        flush()
        return tokens
    }

    static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    private static func month(_ token: Substring) -> Int? {
        guard token.count >= 3 else { return nil }
        return months.firstIndex(of: token.prefix(3).lowercased()).map { $0 + 1 }
    }

    /// Seconds east of UTC.
    static func zoneOffset(_ token: Substring) -> Int? {
        if let sign = token.first, sign == "+" || sign == "-" {
            let digits = token.dropFirst()
            guard digits.count == 4, let value = Int(digits) else { return nil }
            let seconds = (value / 100) * 3_600 + (value % 100) * 60
            return sign == "-" ? -seconds : seconds
        }
        switch token.uppercased() {
        case "UT", "UTC", "GMT", "Z": return 0
        case "EDT": return -4 * 3_600
        case "EST", "CDT": return -5 * 3_600
        case "CST", "MDT": return -6 * 3_600
        case "MST", "PDT": return -7 * 3_600
        case "PST": return -8 * 3_600
        default: return 0 // §4.3: other obsolete zones are to be read as +0000.
        }
    }

    /// Days from 1970-01-01 to a date of the proleptic Gregorian calendar (H. Hinnant's algorithm).
    static func daysSince1970(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
