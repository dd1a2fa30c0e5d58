import Foundation

/// How wide standard output is, so that tables and `events show` fit a person's terminal while a
/// pipe gets full values that `grep` and `cut` can rely on.
enum TerminalWidth {
    /// The width to fit when standard output is a terminal: the terminal's own size
    /// (TIOCGWINSZ), else `$COLUMNS`, else 80. Nil when standard output is not a terminal.
    static func ofStandardOutput(environment: [String: String] = ProcessInfo.processInfo.environment) -> Int? {
        guard isatty(1) == 1 else { return nil }
        var size = winsize()
        if withUnsafeMutablePointer(to: &size, { ioctl(1, UInt(TIOCGWINSZ), $0) }) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        if let columns = environment["COLUMNS"].flatMap(Int.init), columns > 0 { return columns }
        return 80
    }
}
