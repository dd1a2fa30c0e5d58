import ArgumentParser
import Foundation
import OAuthKit
import Sender

extension Events.Config.SMTP {
    /// `events config smtp tokens`: the signed-in accounts, never their tokens.
    struct Tokens: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "tokens",
            abstract: "List the signed-in accounts: provider, mailbox, access token expiry, last renewal, state.",
            discussion: """
                Examples:
                  events config smtp tokens
                """)

        @OptionGroup var keys: KeyOptions

        func run() throws {
            try CommandFailure.reporting {
                let store = try keys.tokenStore()
                let accounts = try store.accounts()
                guard !accounts.isEmpty else {
                    Output.standardOutput.write("No signed-in accounts in \(store.directory): sign in with `events config smtp login USER`.\n")
                    Output.standardOutput.flush()
                    return
                }
                let now = try Now.date()
                var out = ""
                for account in accounts {
                    out += "\(account.name): \(account.providerName)" + (account.username.map { ", \($0)" } ?? "")
                        + (account.grant == .clientCredentials ? " (app-only)" : "") + "\n"
                    out += "  signed in    \(UTCTime.minute(account.signedInAt)) UTC\n"
                    out += "  last renewed " + (account.lastRefreshAt.map { UTCTime.minute($0) + " UTC" } ?? "never") + "\n"
                    if let expiry = account.accessTokenExpiresAt {
                        out += "  access token " + (expiry > now ? "valid until " : "expired ") + UTCTime.minute(expiry) + " UTC\n"
                    }
                    out += "  state        " + Self.state(account) + "\n"
                }
                Output.standardOutput.write(out)
                Output.standardOutput.flush()
            }
        }

        static func state(_ account: StoredAccount) -> String {
            if account.needsSignIn {
                return "sign in again (`events config smtp login \(account.name)`): \(account.lastError ?? "the sign-in ended")"
            }
            if let error = account.lastError {
                return "the last renewal failed" + (account.lastErrorAt.map { " at \(UTCTime.minute($0)) UTC" } ?? "") + ": \(error)"
            }
            return "ok"
        }
    }

    /// `events config smtp refresh [--all | ACCOUNT…]`: renew now, so no sign-in idles out.
    struct Refresh: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "refresh",
            abstract: "Renew signed-in accounts' tokens now (schedule `--all` daily).",
            discussion: """
                A refresh token unused for 90 days expires at Microsoft (and sooner under some policies); renewing \
                every account daily keeps each sign-in alive and shows the ones that ended before a send fails. \
                Accounts that must sign in again are reported and not retried until they do.

                Exit status: 0 when every account was renewed, 1 when any was not.

                Examples:
                  events config smtp refresh --all
                  events config smtp refresh alice
                """
        )

        @OptionGroup var keys: KeyOptions

        @Flag(help: "Every signed-in account.")
        var all = false

        @Argument(help: "Accounts to renew.")
        var accounts: [String] = []

        func validate() throws {
            if all == !accounts.isEmpty { throw ValidationError("Give account names or --all.") }
        }

        func run() throws {
            try CommandFailure.reporting {
                let store = try keys.tokenStore()
                let names = all ? try store.accounts().map(\.name) : accounts
                let tokens = AccessTokens(store: store)
                var failed = 0
                for name in names {
                    do {
                        let account = try store.refresh(name, now: Date(), endpoint: tokens.endpoint)
                        Output.standardOutput.write("\(name): renewed" + (account.accessTokenExpiresAt.map {
                            ", access token valid until \(UTCTime.minute($0)) UTC" } ?? "") + "\n")
                    } catch {
                        failed += 1
                        let state = (try? store.load(name)).flatMap { $0 }.map(Tokens.state) ?? "\(error)"
                        Output.standardOutput.write("\(name): not renewed: \(state == "ok" ? "\(error)" : state)\n")
                    }
                }
                if names.isEmpty { Output.standardOutput.write("No signed-in accounts.\n") }
                Output.standardOutput.flush()
                if failed > 0 { throw ExitCode(1) }
            }
        }
    }

    /// `events config smtp logout ACCOUNT`: forget an account's tokens (and revoke them where the
    /// provider offers RFC 7009 revocation).
    struct Logout: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "logout", abstract: "Forget a signed-in account's tokens, revoking them at the provider where it can.",
            discussion: """
                Examples:
                  events config smtp logout MARI
                """)

        @OptionGroup var keys: KeyOptions

        @Argument(help: "The account.")
        var account: String

        func run() throws {
            try CommandFailure.reporting {
                let store = try keys.tokenStore()
                guard let stored = try store.load(account) else {
                    throw CommandFailure("no signed-in account \(account) in \(store.directory)")
                }
                var note = ""
                if let token = stored.refreshToken ?? stored.accessToken {
                    do {
                        if try AccessTokens(store: store).endpoint(stored).revoke(token) { note = "; revoked at \(stored.providerName)" }
                    } catch {
                        note = " (\(stored.providerName) did not confirm the revocation: \(error))"
                    }
                }
                _ = try store.remove(account)
                Output.standardOutput.write("\(account): signed out\(note)\n")
                Output.standardOutput.flush()
            }
        }
    }
}
