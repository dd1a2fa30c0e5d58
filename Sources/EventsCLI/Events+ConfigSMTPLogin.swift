import ArgumentParser
import EventStore
import Foundation
import OAuthKit
import Sender

extension Events.Config.SMTP {
    /// `events config smtp login USER`: signs a user (or a mailbox) in with Microsoft 365 or Google.
    struct Login: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "login",
            abstract: "Sign a user in with Microsoft 365 or Google (OAuth) so their mail can be sent with XOAUTH2.",
            discussion: """
                Opens the provider's sign-in page (the authorization-code flow with PKCE); the browser comes back \
                to a one-time listener on 127.0.0.1, and the tokens are kept in files of mode 0600 beside the \
                signing keys (KEY-DIR/oauth/USER.json), never in the database. The profile then signs in with \
                oauth:USER, and every send renews the access token when due.

                Without a browser on this machine, --no-browser prints the address to open elsewhere: forward \
                the port first (ssh -L PORT:127.0.0.1:PORT this-host, with --port PORT). --device shows a code \
                to enter at the provider's device page instead (Microsoft only; many organisations block it). \
                --app-only signs the mail sending user's mailbox in as the app itself (client credentials, \
                Microsoft's SMTP.SendAsApp), with the app's client secret.

                Examples:
                  events config smtp set alice --preset office365 --username alice@contoso.com --address alice@contoso.com
                  events config set microsoft-client-id 00000000-0000-0000-0000-000000000000
                  events config smtp login alice
                  events config smtp login alice --no-browser --port 8400
                  events config smtp login alice --device
                  events config smtp login events-mailbox --oauth-provider microsoft --username events@contoso.com --imap
                """
        )

        @OptionGroup var store: StoreOptions
        @OptionGroup var company: CompanyOptions
        @OptionGroup var keys: KeyOptions
        @OptionGroup var client: OAuthClientOptions
        @OptionGroup var mailbox: SignInAccountOptions

        @Argument(help: "The ERP user code (or a name for a mailbox that is not a user's, such as the event mailbox).")
        var user: String

        @Flag(help: "Print the sign-in address instead of opening a browser (for a sign-in from another machine).")
        var noBrowser = false

        @Option(help: ArgumentHelp("The loopback port the browser returns to (default: any free port).", valueName: "port"))
        var port: UInt16 = 0

        @Flag(help: "Sign in with a code shown here and entered at the provider's device page (RFC 8628).")
        var device = false

        @Flag(help: "Sign in as the app itself (client credentials), for the mail sending user's mailbox.")
        var appOnly = false

        @Option(help: ArgumentHelp("Seconds to wait for the sign-in to be completed.", valueName: "seconds"))
        var timeout = 300

        func validate() throws {
            if !SecretSource.isAccountName(user) {
                throw ValidationError("'\(user)' cannot name a signed-in account: use letters, digits and . _ @ + -")
            }
            if device && appOnly { throw ValidationError("Give either --device or --app-only, not both.") }
            if (device || appOnly) && (noBrowser || port != 0) {
                throw ValidationError("--no-browser and --port belong to the browser sign-in.")
            }
            if timeout < 10 { throw ValidationError("--timeout takes 10 seconds or more.") }
        }

        func run() throws {
            try CommandFailure.reporting {
                let session = try SignInSession(store: store, keys: keys, client: client, mailbox: mailbox, user: user,
                                               company: company, appOnly: appOnly)
                let response: TokenResponse
                let grant: StoredAccount.Grant
                if appOnly {
                    response = try session.endpoint.clientCredentials(scope: session.target.scopes.joined(separator: " "))
                    grant = .clientCredentials
                } else if device {
                    response = try deviceSignIn(session)
                    grant = .refreshToken
                } else {
                    response = try browserSignIn(session)
                    grant = .refreshToken
                }
                guard grant == .clientCredentials || response.refreshToken != nil else {
                    throw CommandFailure("\(session.target.provider.name) returned no refresh token: the sign-in would end within "
                                         + "the hour. Check that the app may ask for offline_access")
                }
                try session.save(session.target.account(named: session.account, grant: grant, response: response, now: Date()))
            }
        }

        private func browserSignIn(_ session: SignInSession) throws -> TokenResponse {
            let target = session.target
            let flow = AuthorizationCodeFlow(provider: target.provider, client: target.client, scopes: target.scopes,
                                             loginHint: target.username, http: session.http)
            let pending = try flow.start(port: port)
            var text = "To sign in \(user)\(target.username.map { " as \($0)" } ?? "") with \(target.provider.name), open:\n\n  "
                + pending.authorizationURL.absoluteString + "\n\n"
            if noBrowser || !Browser.open(pending.authorizationURL) {
                text += "The browser must be able to reach \(pending.redirectURI) when it returns: from another computer, "
                    + "forward the port first (ssh -L \(pending.port):127.0.0.1:\(pending.port) this-host).\n"
            }
            Output.standardError.write(text + "Waiting for the sign-in (Ctrl-C cancels)…\n")
            Output.standardError.flush()
            let stop = StopSignal()
            return try flow.finish(pending, timeout: TimeInterval(timeout), isCancelled: { stop.isRequested })
        }

        private func deviceSignIn(_ session: SignInSession) throws -> TokenResponse {
            let target = session.target
            guard target.provider.deviceAuthorizationEndpoint != nil else {
                throw CommandFailure("\(target.provider.name) does not allow the device sign-in for mail (its device flow rejects "
                                     + "the mail scope): use the browser sign-in, with --no-browser from another machine")
            }
            let flow = DeviceFlow(provider: target.provider, client: target.client, scopes: target.scopes, http: session.http)
            let authorization = try flow.start()
            var text = "To sign in \(user) with \(target.provider.name), open \(authorization.verificationURI) and enter the code "
                + "\(authorization.userCode)"
            if let complete = authorization.verificationURIComplete { text += "\n(or open \(complete))" }
            Output.standardError.write(text + "\nWaiting for the sign-in (Ctrl-C cancels)…\n")
            Output.standardError.flush()
            let stop = StopSignal()
            return try flow.poll(authorization, isCancelled: { stop.isRequested }, onSlowDown: { seconds in
                Output.standardError.write("events: \(target.provider.name) asked to be polled less often: every \(seconds) s\n")
                Output.standardError.flush()
            })
        }
    }

    /// `events config smtp import-token USER --refresh-token SOURCE`: a sign-in made elsewhere.
    struct ImportToken: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import-token",
            abstract: "Take a refresh token obtained elsewhere (the ERP's own Log in button) and verify it.",
            discussion: """
                The refresh token is read from where --refresh-token says (file:PATH, env:NAME or command:COMMAND), \
                renewed once at the provider (which proves it and, where the provider rotates tokens, replaces it), \
                and kept like a sign-in by `events config smtp login`. It must have been issued to the same client id.

                Example:
                  events config smtp import-token alice --refresh-token file:/run/erp/alice.refresh
                """
        )

        @OptionGroup var store: StoreOptions
        @OptionGroup var company: CompanyOptions
        @OptionGroup var keys: KeyOptions
        @OptionGroup var client: OAuthClientOptions
        @OptionGroup var mailbox: SignInAccountOptions

        @Argument(help: "The ERP user code (or a mailbox's account name).")
        var user: String

        @Option(help: ArgumentHelp("Where the refresh token is: file:PATH, env:NAME or command:COMMAND.", valueName: "source"))
        var refreshToken: String

        func validate() throws {
            if !SecretSource.isAccountName(user) {
                throw ValidationError("'\(user)' cannot name a signed-in account: use letters, digits and . _ @ + -")
            }
            do {
                if case .account = try SecretSource(refreshToken) {
                    throw ValidationError("--refresh-token takes file:PATH, env:NAME or command:COMMAND.")
                }
            } catch let error as SecretError { throw ValidationError("--refresh-token: \(error.description).") }
        }

        func run() throws {
            try CommandFailure.reporting {
                let session = try SignInSession(store: store, keys: keys, client: client, mailbox: mailbox, user: user,
                                               company: company, appOnly: false)
                let token: String
                do { token = try SecretSource(refreshToken).read("refresh token") } catch { throw CommandFailure("\(error)") }
                let response: TokenResponse
                do { response = try session.endpoint.refresh(token, scopes: session.target.scopes) } catch {
                    throw CommandFailure("the refresh token was not accepted: \(error)")
                }
                var account = session.target.account(named: session.account, grant: .refreshToken, response: response, now: Date())
                if account.refreshToken == nil { account.refreshToken = token }
                try session.save(account)
            }
        }
    }
}

/// Opens an address in the desktop's browser, when there is a desktop.
enum Browser {
    static func open(_ url: URL, environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        guard environment["DISPLAY"] != nil || environment["WAYLAND_DISPLAY"] != nil,
              FileManager.default.isExecutableFile(atPath: "/usr/bin/xdg-open") else { return false }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/xdg-open")
        process.arguments = [url.absoluteString]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        return (try? process.run()) != nil
    }
}
