import Foundation

/// One of the repository's test-server scripts (`scripts/dovecot-test-server`,
/// `scripts/mail-test-servers`): `COMMAND DIR` run with bash, failing with its standard error, and
/// its `KEY=VALUE` output lines read.
struct ServerScript: Sendable {
    let name: String

    var path: String { EventsBinary.repositoryRoot.appendingPathComponent("scripts/\(name)").path }

    /// Runs the script; its standard output, or a `ScriptFailure` with its standard error.
    @discardableResult
    func run(_ arguments: [String], environment: [String: String] = [:]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [path] + arguments
        if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ScriptFailure(description: "\(name) \(arguments.first ?? ""): " + String(decoding: errors, as: UTF8.self))
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Runs the script and reads its `KEY=VALUE` lines.
    func values(_ arguments: [String], environment: [String: String] = [:]) throws -> [String: String] {
        var values: [String: String] = [:]
        for line in try run(arguments, environment: environment).split(separator: "\n") {
            guard let equals = line.firstIndex(of: "=") else { continue }
            values[String(line[..<equals])] = String(line[line.index(after: equals)...])
        }
        return values
    }

    /// A new folder `/tmp/events-PREFIX-XXXXXX`: a plain path the servers' users can traverse,
    /// without spaces.
    static func makeDirectory(prefix: String) throws -> String {
        var template = Array("/tmp/events-\(prefix)-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw ScriptFailure(description: "mkdtemp failed") }
        return String(cString: made)
    }
}

/// A test server script or wait that failed, saying what happened.
struct ScriptFailure: Error, CustomStringConvertible {
    let description: String
}
