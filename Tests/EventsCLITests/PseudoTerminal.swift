import Foundation

/// Runs `events` with its standard output on a pseudo-terminal of a chosen width, through
/// util-linux `script`, so tests see what a person at a terminal sees (fitted, cut with `…`)
/// rather than what a pipe gets.
enum PseudoTerminal {
    static let script = "/usr/bin/script"
    static var available: Bool { FileManager.default.isExecutableFile(atPath: script) }

    /// The output with the terminal's `\r\n` line ends turned back into `\n`; standard error is
    /// mixed in, as on a terminal.
    static func run(_ arguments: [String], columns: Int, environment: [String: String] = [:]) throws -> EventsBinary.Result {
        let command = ([EventsBinary.url.path] + arguments).map(quoted).joined(separator: " ")
        // `stty` sets the terminal's size (TIOCGWINSZ); COLUMNS says otherwise, to show it loses.
        return try runScript("stty cols \(columns) rows 50 && exec \(command)",
                             environment: environment.merging(["COLUMNS": "300"]) { $1 })
    }

    static func runScript(_ shellCommand: String, environment: [String: String]) throws -> EventsBinary.Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: script)
        process.arguments = ["-qec", shellCommand, "/dev/null"]
        var merged = ProcessInfo.processInfo.environment
        merged["EVENTS_DB"] = nil
        process.environment = merged.merging(environment) { $1 }
        let out = Pipe()
        process.standardOutput = out
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
        return EventsBinary.Result(status: process.terminationStatus, stdout: text, stderr: "")
    }

    static func quoted(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
