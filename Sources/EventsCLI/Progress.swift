import Foundation

/// A one-line progress display on standard error, for long runs on a terminal: it appears after a
/// second, updates at most a few times a second, and is erased before the summary. When standard
/// error is not a terminal (a pipe, a log, cron, systemd) it prints nothing.
final class Progress {
    private let enabled: Bool
    private let start = Date()
    private var lastDraw = Date.distantPast
    private var drawn = false

    init(enabled: Bool = isatty(2) == 1) {
        self.enabled = enabled
    }

    func update(done: Int, total: Int?, noun: String) {
        guard enabled else { return }
        let now = Date()
        let elapsed = now.timeIntervalSince(start)
        guard elapsed >= 1, now.timeIntervalSince(lastDraw) >= 0.25 else { return }
        lastDraw = now
        var line = "\(done)"
        if let total, total > 0 { line += " of \(total) \(noun) (\(done * 100 / total)%)" } else { line += " \(noun)" }
        line += ", \(Int(Double(done) / elapsed))/s"
        Output.standardError.write("\r\u{1B}[K" + line)
        Output.standardError.flush()
        drawn = true
    }

    func finish() {
        guard drawn else { return }
        Output.standardError.write("\r\u{1B}[K")
        Output.standardError.flush()
        drawn = false
    }

    var seconds: Double { Date().timeIntervalSince(start) }
}
