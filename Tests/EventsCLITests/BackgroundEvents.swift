import Foundation

/// An `events` run that keeps going while the test acts (a sign-in waiting for its browser or its
/// device code): its output collected as it comes, waited on for a line, then for its exit.
final class BackgroundEvents: @unchecked Sendable {
    let process = Process()
    private let lock = NSLock()
    private var out = Data()
    private var err = Data()

    init(_ arguments: [String], environment: [String: String]) throws {
        process.executableURL = EventsBinary.url
        process.arguments = arguments
        process.currentDirectoryURL = EventsBinary.repositoryRoot
        var merged = ProcessInfo.processInfo.environment
        merged["EVENTS_DB"] = nil
        process.environment = merged.merging(environment) { $1 }
        let outPipe = Pipe(), errPipe = Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        process.standardInput = FileHandle.nullDevice
        outPipe.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            self?.lock.withLock { self?.out.append(data) }
        }
        errPipe.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            self?.lock.withLock { self?.err.append(data) }
        }
        try process.run()
    }

    deinit {
        if process.isRunning { process.terminate() }
    }

    var stdout: String { lock.withLock { String(decoding: out, as: UTF8.self) } }
    var stderr: String { lock.withLock { String(decoding: err, as: UTF8.self) } }

    /// Waits up to `seconds` for a line of standard error that `matches`; the line.
    func waitForErrorLine(seconds: Double = 20, where matches: (String) -> Bool) -> String? {
        let deadline = Date().addingTimeInterval(seconds)
        repeat {
            if let line = stderr.split(separator: "\n").map(String.init).first(where: matches) { return line }
            Thread.sleep(forTimeInterval: 0.05)
        } while Date() < deadline && process.isRunning
        return stderr.split(separator: "\n").map(String.init).first(where: matches)
    }

    /// Waits for the exit (terminating the run after `seconds`); its status.
    func waitForExit(seconds: Double = 30) -> Int32 {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        Thread.sleep(forTimeInterval: 0.1) // the last output
        return process.terminationStatus
    }
}
