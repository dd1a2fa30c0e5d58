import Foundation

/// A date as `2025-03-01 12:00:00 UTC`, for messages: unambiguous whatever the machine's time zone.
struct UTCTimestamp: CustomStringConvertible {
    let date: Date

    init(_ date: Date) {
        self.date = date
    }

    var description: String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ value: Int?) -> String {
            let value = value ?? 0
            return value < 10 ? "0\(value)" : "\(value)"
        }
        return "\(c.year ?? 0)-\(two(c.month))-\(two(c.day)) \(two(c.hour)):\(two(c.minute)):\(two(c.second)) UTC"
    }
}
