import Foundation
import OAuthKit

/// Where a password or an OAuth2 access token comes from. The secret itself is never stored, printed
/// or logged: only this, written `file:PATH`, `env:NAME`, `command:COMMAND LINE` or `oauth:ACCOUNT`.
/// A command is run with /bin/sh at each use and its first output line is the secret, so a token
/// helper can refresh. `oauth:ACCOUNT` is an account signed in with `events config smtp login`: its
/// access token comes from the token store, renewed when due (`AccessTokens`).
public enum SecretSource: Sendable, Equatable, CustomStringConvertible {
    case file(String)
    case environment(String)
    case command(String)
    case account(String)

    /// Parses `file:PATH`, `env:NAME` or `command:COMMAND`.
    public init(_ text: String) throws(SecretError) {
        guard let colon = text.firstIndex(of: ":") else { throw SecretError.badSource(text) }
        let kind = text[..<colon], value = String(text[text.index(after: colon)...])
        guard !value.isEmpty else { throw SecretError.badSource(text) }
        switch kind {
        case "file": self = .file(value)
        case "env":
            guard value.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
                throw SecretError.badSource(text)
            }
            self = .environment(value)
        case "command": self = .command(value)
        case "oauth":
            guard Self.isAccountName(value) else { throw SecretError.badSource(text) }
            self = .account(value)
        default: throw SecretError.badSource(text)
        }
    }

    /// The stored form, which names where the secret is and never holds it.
    public var description: String {
        switch self {
        case .file(let path): return "file:\(path)"
        case .environment(let name): return "env:\(name)"
        case .command(let line): return "command:\(line)"
        case .account(let name): return "oauth:\(name)"
        }
    }

    /// A signed-in account's name: it names a file in the token store.
    public static func isAccountName(_ name: String) -> Bool {
        TokenStore.isValidName(name)
    }

    /// Reads the secret now. `what` names it in errors ("password", "OAuth2 token").
    public func read(_ what: String, environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(SecretError) -> String {
        switch self {
        case .file(let path): return try Self.firstLine(ofFile: path, what: what)
        case .environment(let name):
            guard let value = environment[name], !value.isEmpty else { throw SecretError.unset(variable: name, what: what) }
            return value
        case .command(let line): return try Self.firstLine(ofCommand: line, what: what)
        case .account(let name): throw SecretError.signedInAccount(name)
        }
    }

    /// The file's first line, without its line ending.
    public static func firstLine(ofFile path: String, what: String) throws(SecretError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "permission denied" : "no such file"
            throw SecretError.unreadable(path: path, what: what, reason: reason)
        }
        let line = String(decoding: data, as: UTF8.self)
            .split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).first.map(String.init) ?? ""
        guard !line.isEmpty else { throw SecretError.empty(source: "the \(what) file '\(path)'", what: what) }
        return line
    }

    /// Runs `command` with /bin/sh and takes its output's first line. Standard error is collected
    /// at the same time as standard output, so a chatty command cannot block on a full pipe.
    public static func firstLine(ofCommand command: String, what: String) throws(SecretError) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch {
            throw SecretError.commandFailed(what: what, detail: ": cannot run it: \(error.localizedDescription)")
        }
        let complaint = ErrorCollector(errors.fileHandleForReading)
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: complaint.finish(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard process.terminationStatus == 0 else {
            throw SecretError.commandFailed(what: what, detail: " (exit \(process.terminationStatus))" + (text.isEmpty ? "" : ": \(text)"))
        }
        let secret = String(decoding: printed, as: UTF8.self).split(whereSeparator: \.isNewline).first
            .map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        guard !secret.isEmpty else { throw SecretError.empty(source: "the \(what) command", what: what) }
        return secret
    }
}

/// Reads a pipe to its end on another thread.
private final class ErrorCollector: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }
    }

    func finish() -> Data {
        done.wait()
        return data
    }
}

/// Why a secret could not be had; says where it was looked for, never what it is.
public enum SecretError: Error, Sendable, CustomStringConvertible {
    case badSource(String)
    case unreadable(path: String, what: String, reason: String)
    case unset(variable: String, what: String)
    case empty(source: String, what: String)
    case commandFailed(what: String, detail: String)
    /// An `oauth:ACCOUNT` source read as a plain secret: its tokens come from `AccessTokens`.
    case signedInAccount(String)

    public var description: String {
        switch self {
        case .badSource(let text):
            // Never echo the value: it may be the password itself, typed where its source belongs.
            let shown = text.firstIndex(of: ":").map { "'\(text[..<$0]):…'" } ?? "the value given"
            return "\(shown) is not a secret source: write file:PATH, env:NAME, command:COMMAND or oauth:ACCOUNT"
        case .unreadable(let path, let what, let reason):
            return "cannot read the \(what) file '\(path)': \(reason)"
        case .unset(let variable, let what):
            return "the \(what) variable $\(variable) is not set (or empty) in this environment"
        case .empty(let source, let what):
            return "\(source) gave no \(what)"
        case .commandFailed(let what, let detail):
            return "the \(what) command failed\(detail)"
        case .signedInAccount(let name):
            return "oauth:\(name) is a signed-in account: it gives OAuth2 access tokens, not a password"
        }
    }
}
