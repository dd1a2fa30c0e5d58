import Foundation
import MailCore
import Sender

/// Where the IMAP login's secret comes from. Never the command line: a file, `$EVENTS_IMAP_PASSWORD`,
/// or, for XOAUTH2, a token file or a command that prints a token (run again at each connection,
/// so a long `--watch` picks up refreshed tokens), or a signed-in account whose tokens the token
/// store renews when due.
enum IMAPCredentialSource {
    case passwordFile(user: String, path: String)
    case passwordEnvironment(user: String, password: String)
    case tokenFile(user: String, path: String)
    case tokenCommand(user: String, command: String)
    case account(user: String, name: String, tokens: AccessTokens)

    static let passwordVariable = "EVENTS_IMAP_PASSWORD"

    init(user: String, passwordFile: String?, tokenFile: String?, tokenCommand: String?, account: String?,
         tokens: @autoclosure () throws -> AccessTokens, environment: [String: String]) throws {
        let given = [passwordFile.map { _ in "--password-file" }, tokenFile.map { _ in "--oauth2-token-file" },
                     tokenCommand.map { _ in "--oauth2-token-command" }, account.map { _ in "--oauth2-account" }].compactMap { $0 }
        if given.count > 1 {
            throw CommandFailure("give one credential, not \(given.joined(separator: " and "))")
        }
        if let passwordFile {
            self = .passwordFile(user: user, path: passwordFile)
        } else if let tokenFile {
            self = .tokenFile(user: user, path: tokenFile)
        } else if let tokenCommand {
            self = .tokenCommand(user: user, command: tokenCommand)
        } else if let account {
            guard SecretSource.isAccountName(account) else { throw CommandFailure("'\(account)' is not a signed-in account's name") }
            self = .account(user: user, name: account, tokens: try tokens())
        } else if let password = environment[Self.passwordVariable], !password.isEmpty {
            self = .passwordEnvironment(user: user, password: password)
        } else {
            throw CommandFailure("no credentials for \(user): give --password-file FILE, set \(Self.passwordVariable), "
                                 + "or give --oauth2-account NAME, --oauth2-token-file FILE or --oauth2-token-command COMMAND (XOAUTH2)")
        }
    }

    /// Reads the secret now; `renew`: a signed-in account's token is renewed even if still fresh
    /// (the server refused it).
    func credential(renew: Bool = false) throws -> IMAPConnection.Credential {
        switch self {
        case .passwordFile(let user, let path):
            return .password(user: user, password: try Self.secret(fromFile: path, what: "password"))
        case .passwordEnvironment(let user, let password):
            return .password(user: user, password: password)
        case .tokenFile(let user, let path):
            return .oauth2(user: user, accessToken: try Self.secret(fromFile: path, what: "OAuth2 token"))
        case .tokenCommand(let user, let command):
            return .oauth2(user: user, accessToken: try Self.token(fromCommand: command))
        case .account(let user, let name, let tokens):
            do throws(AccessTokenFailure) {
                return .oauth2(user: user, accessToken: try tokens.token(account: name, force: renew).token)
            } catch {
                let remedy = error.needsSignIn ? ": sign in again with `events config smtp login \(name) --imap`" : ""
                throw CommandFailure(error.description + remedy)
            }
        }
    }

    /// A signed-in account's token, which may be renewed and tried once more when refused.
    var isRenewable: Bool {
        if case .account = self { return true }
        return false
    }

    /// The file's first line, without its line ending.
    static func secret(fromFile path: String, what: String) throws -> String {
        do { return try SecretSource.firstLine(ofFile: path, what: what) } catch { throw CommandFailure(error.description) }
    }

    /// Runs `command` with /bin/sh and takes its output's first line as the token.
    static func token(fromCommand command: String) throws -> String {
        do { return try SecretSource.firstLine(ofCommand: command, what: "OAuth2 token") } catch {
            throw CommandFailure(error.description)
        }
    }
}
