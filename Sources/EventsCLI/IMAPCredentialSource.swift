import Foundation
import MailCore

/// Where the IMAP login's secret comes from. Never the command line: a file, `$EVENTS_IMAP_PASSWORD`,
/// or, for XOAUTH2, a token file or a command that prints a token (run again at each connection,
/// so a long `--watch` picks up refreshed tokens).
enum IMAPCredentialSource {
    case passwordFile(user: String, path: String)
    case passwordEnvironment(user: String, password: String)
    case tokenFile(user: String, path: String)
    case tokenCommand(user: String, command: String)

    static let passwordVariable = "EVENTS_IMAP_PASSWORD"

    init(user: String, passwordFile: String?, tokenFile: String?, tokenCommand: String?,
         environment: [String: String]) throws {
        let given = [passwordFile.map { _ in "--password-file" }, tokenFile.map { _ in "--oauth2-token-file" },
                     tokenCommand.map { _ in "--oauth2-token-command" }].compactMap { $0 }
        if given.count > 1 {
            throw CommandFailure("give one credential, not \(given.joined(separator: " and "))")
        }
        if let passwordFile {
            self = .passwordFile(user: user, path: passwordFile)
        } else if let tokenFile {
            self = .tokenFile(user: user, path: tokenFile)
        } else if let tokenCommand {
            self = .tokenCommand(user: user, command: tokenCommand)
        } else if let password = environment[Self.passwordVariable], !password.isEmpty {
            self = .passwordEnvironment(user: user, password: password)
        } else {
            throw CommandFailure("no credentials for \(user): give --password-file FILE, set \(Self.passwordVariable), "
                                 + "or give --oauth2-token-file FILE or --oauth2-token-command COMMAND (XOAUTH2)")
        }
    }

    /// Reads the secret now.
    func credential() throws -> IMAPConnection.Credential {
        switch self {
        case .passwordFile(let user, let path):
            return .password(user: user, password: try Self.secret(fromFile: path, what: "password"))
        case .passwordEnvironment(let user, let password):
            return .password(user: user, password: password)
        case .tokenFile(let user, let path):
            return .oauth2(user: user, accessToken: try Self.secret(fromFile: path, what: "OAuth2 token"))
        case .tokenCommand(let user, let command):
            return .oauth2(user: user, accessToken: try Self.token(fromCommand: command))
        }
    }

    /// The file's first line, without its line ending.
    static func secret(fromFile path: String, what: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "permission denied" : "no such file"
            throw CommandFailure("cannot read the \(what) file '\(path)': \(reason)")
        }
        let text = String(decoding: data, as: UTF8.self)
        let secret = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
            .first.map(String.init) ?? ""
        guard !secret.isEmpty else { throw CommandFailure("the \(what) file '\(path)' is empty") }
        return secret
    }

    /// Runs `command` with /bin/sh and takes its output's first line as the token.
    static func token(fromCommand command: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch {
            throw CommandFailure("cannot run the OAuth2 token command: \(error.localizedDescription)")
        }
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        let complaint = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let text = String(decoding: complaint, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw CommandFailure("the OAuth2 token command failed (exit \(process.terminationStatus))"
                                 + (text.isEmpty ? "" : ": \(text)"))
        }
        let token = String(decoding: printed, as: UTF8.self).split(whereSeparator: \.isNewline).first
            .map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        guard !token.isEmpty else { throw CommandFailure("the OAuth2 token command printed no token") }
        return token
    }
}
