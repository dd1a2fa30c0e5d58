import ArgumentParser
import EventStore
import Ingest
import MailCore
import MessageTag
import OAuthKit
import Sender

/// A run that failed for a reason already worded for the user; `events` prints it and exits 1.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}

extension CommandFailure {
    /// Runs `body`; a store, input, IMAP or command failure is printed as `events: …` on standard error and
    /// the command exits 1. Exit codes and usage errors pass through.
    static func reporting(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as StoreError {
            throw fail(error.description)
        } catch let error as InputError {
            throw fail(error.description)
        } catch let error as CommandFailure {
            throw fail(error.description)
        } catch let error as IMAPError {
            throw fail(error.description)
        } catch let error as ProfileError {
            throw fail(error.description)
        } catch let error as SecretError {
            throw fail(error.description)
        } catch let error as TagKeyError {
            throw fail(error.description)
        } catch let error as ComposeError {
            throw fail(error.description)
        } catch let error as SMTPError {
            throw fail(error.description)
        } catch let error as OAuthError {
            throw fail(error.description)
        } catch let error as TokenStoreError {
            throw fail(error.description)
        } catch let error as AccessTokenFailure {
            throw fail(error.description)
        }
    }

    private static func fail(_ message: String) -> ExitCode {
        Output.standardOutput.flush()
        Output.standardError.write("events: \(message)\n")
        return ExitCode(1)
    }
}
