import ArgumentParser
import Foundation

/// Reads `--since`, `--until` and `--older-than`: an age counted back from now (`30d`, `24h`,
/// `90m`, `2w`, `45s`; now is `Now.date()`) or a UTC date (`2026-11-01`, `2026-11-01T10:00`, `2026-11-01 10:00:00Z`).
enum PointInTime {
    static func parse(_ text: String) throws -> Date {
        try parse(text, now: Now.date())
    }

    static func parse(_ text: String, now: Date) throws -> Date {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let age = age(trimmed) { return now.addingTimeInterval(-age) }
        if let date = date(trimmed) { return date }
        throw ValidationError("'\(text)' is neither an age nor a date. Give an age such as 30d, 24h, 90m or 2w, "
                              + "or a UTC date such as 2026-11-01 or 2026-11-01T10:00.")
    }

    /// Seconds in an age like `30d`.
    static func age(_ text: String) -> TimeInterval? {
        guard let unit = text.last, let count = Int(text.dropLast()), count >= 0 else { return nil }
        let seconds: Int
        switch unit {
        case "s": seconds = 1
        case "m": seconds = 60
        case "h": seconds = 3_600
        case "d": seconds = 86_400
        case "w": seconds = 7 * 86_400
        default: return nil
        }
        return TimeInterval(count) * TimeInterval(seconds)
    }

    /// `YYYY-MM-DD`, optionally followed by `T` or a space and `HH:MM[:SS]`, optionally `Z`; UTC.
    static func date(_ text: String) -> Date? {
        var text = Substring(text)
        if text.hasSuffix("Z") || text.hasSuffix("z") { text = text.dropLast() }
        let parts = text.split(whereSeparator: { $0 == "T" || $0 == "t" || $0 == " " })
        guard parts.count == 1 || parts.count == 2 else { return nil }
        let day = parts[0].split(separator: "-", omittingEmptySubsequences: false)
        guard day.count == 3, day[0].count == 4, day[1].count == 2, day[2].count == 2,
              let year = Int(day[0]), let month = Int(day[1]), let dayOfMonth = Int(day[2]),
              (1...12).contains(month), (1...31).contains(dayOfMonth) else { return nil }
        var seconds = 0
        if parts.count == 2 {
            let clock = parts[1].split(separator: ":", omittingEmptySubsequences: false)
            guard clock.count == 2 || clock.count == 3, clock.allSatisfy({ $0.count == 2 }),
                  let hour = Int(clock[0]), let minute = Int(clock[1]), (0...23).contains(hour), (0...59).contains(minute)
            else { return nil }
            let second = clock.count == 3 ? Int(clock[2]) : 0
            guard let second, (0...59).contains(second) else { return nil }
            seconds = hour * 3_600 + minute * 60 + second
        }
        var components = DateComponents()
        components.year = year
        components.month = month
        components.day = dayOfMonth
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        guard let midnight = calendar.date(from: components),
              calendar.component(.day, from: midnight) == dayOfMonth else { return nil }
        return midnight.addingTimeInterval(TimeInterval(seconds))
    }
}
