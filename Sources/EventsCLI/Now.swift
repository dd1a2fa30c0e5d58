import ArgumentParser
import Foundation

/// The moment the commands take as "now": the wall clock, or `$EVENTS_NOW` when it is set (a UTC
/// date such as `2026-11-24T12:00`), so that ages like `--since 7d`, pruning and the time a message
/// is taken in can be pinned by tests and by anyone re-running a report as of a given day.
enum Now {
    static let variable = "EVENTS_NOW"

    /// `$EVENTS_NOW`, or the wall clock; an unreadable `$EVENTS_NOW` is a usage error.
    static func date(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Date {
        guard let text = environment[variable], !text.isEmpty else { return Date() }
        guard let date = PointInTime.date(text.trimmingCharacters(in: .whitespaces)) else {
            throw ValidationError("\(variable)='\(text)' is not a UTC date. Set it to a date such as 2026-11-24 or "
                                  + "2026-11-24T12:00, or unset it to use the clock.")
        }
        return date
    }

    /// The clock a run uses throughout: `$EVENTS_NOW` when set (every call gives that moment),
    /// else the wall clock read at each call.
    static func clock() throws -> @Sendable () -> Date {
        guard let pinned = ProcessInfo.processInfo.environment[variable], !pinned.isEmpty else { return { Date() } }
        let date = try date()
        return { date }
    }
}
