import Foundation

/// Times as `events` prints them, always in UTC.
enum UTCTime {
    /// `2026-11-22T13:04:58Z` (RFC 3339), for JSON and CSV.
    static func iso(_ date: Date) -> String {
        let (d, t) = parts(date)
        return "\(d)T\(t)Z"
    }

    /// `2026-11-22 13:04`, for tables.
    static func minute(_ date: Date) -> String {
        let (d, t) = parts(date)
        return "\(d) \(t.prefix(5))"
    }

    /// `2026-11-22 13:04:58 UTC`, for `events show`.
    static func full(_ date: Date) -> String {
        let (d, t) = parts(date)
        return "\(d) \(t) UTC"
    }

    private static func parts(_ date: Date) -> (String, String) {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var fields = tm()
        gmtime_r(&seconds, &fields)
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let year = String(fields.tm_year + 1900)
        return ("\(year)-\(two(fields.tm_mon + 1))-\(two(fields.tm_mday))",
                "\(two(fields.tm_hour)):\(two(fields.tm_min)):\(two(fields.tm_sec))")
    }
}
