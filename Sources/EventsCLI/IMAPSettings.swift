import Foundation
import Ingest
import MailCore
import Sender

/// Everything an IMAP ingestion run needs, merged from the command line and the config file (the
/// command line wins) and checked.
struct IMAPSettings {
    enum Trust {
        /// Verify the chain against these roots (the system's, or a --ca-file).
        case verify(caFile: String?)
        /// --insecure: accept anything, loudly.
        case insecure
    }

    var mailbox: IMAPMailbox
    var trust: Trust
    var credentials: IMAPCredentialSource
    var after: AfterIngest
    var timeout: Int
    var watch: Bool
    /// Seconds a claim on the folder lasts without renewal (`FolderLease`, `WorkerOptions`).
    var lease: Int

    init(options: IMAPOptions, lease: Int, config: ConfigFile?, tokens: @autoclosure () throws -> AccessTokens,
         environment: [String: String]) throws {
        func value(_ key: String, _ commandLine: String?) -> String? {
            commandLine ?? config?.string(key)
        }
        guard let url = value("imap", options.imap) else {
            throw CommandFailure("no IMAP folder given")
        }
        do { mailbox = try IMAPMailbox(url: url) } catch { throw CommandFailure(error.description) }

        if let mode = value("tls", options.tls) {
            switch mode.lowercased() {
            case "ssl", "tls": mailbox.endpoint.security = .tls
            case "starttls": mailbox.endpoint.security = .startTLS
            case "none": mailbox.endpoint.security = .none
            default: throw CommandFailure("--tls takes ssl, starttls or none, not '\(mode)'")
            }
        }
        if mailbox.endpoint.security == .none, !mailbox.isLoopback {
            throw CommandFailure("--tls none would send the password and the mail in clear to \(mailbox.endpoint.host); "
                                 + "it is allowed only for a server on this machine (localhost, 127.0.0.1, ::1)")
        }

        let insecure = try options.insecure || (config?.bool("insecure") ?? false)
        let caFile = value("ca-file", options.caFile)
        if insecure, caFile != nil {
            throw CommandFailure("give either --ca-file or --insecure, not both")
        }
        trust = insecure ? .insecure : .verify(caFile: caFile)

        credentials = try IMAPCredentialSource(
            user: mailbox.user,
            passwordFile: value("password-file", options.passwordFile),
            tokenFile: value("oauth2-token-file", options.oauth2TokenFile),
            tokenCommand: value("oauth2-token-command", options.oauth2TokenCommand),
            account: value("oauth2-account", options.oauth2Account), tokens: try tokens(),
            environment: environment)

        let afterText = value("after", options.after) ?? "seen"
        guard let after = AfterIngest(afterText) else {
            throw CommandFailure("--after takes seen, move:FOLDER, delete or none, not '\(afterText)'")
        }
        if case .move(let folder) = after, folder == mailbox.folder {
            throw CommandFailure("--after move:\(folder) names the folder being read")
        }
        self.after = after

        timeout = try options.timeout ?? config?.int("timeout") ?? 30
        guard (1...3600).contains(timeout) else {
            throw CommandFailure("--timeout takes a number of seconds from 1 to 3600, not \(timeout)")
        }
        watch = try options.watch || (config?.bool("watch") ?? false)
        self.lease = lease
    }
}
