import Foundation
import Sender
import Testing

/// Secrets come from files, variables or commands, and errors never show them.
@Suite("SecretSource")
struct SecretSourceTests {
    @Test(arguments: ["file:/run/pw", "env:SMTP_PASSWORD", "command:pass show smtp", "oauth:MARI", "oauth:events@firm.ee"])
    func roundTrips(_ text: String) throws {
        #expect(try SecretSource(text).description == text)
    }

    @Test(arguments: ["", "file:", "password123", "env:NOT VALID", "ftp:/x", "oauth:../keys", "oauth:.hidden", "oauth:a/b"])
    func badSourcesAreRefused(_ text: String) {
        #expect(throws: SecretError.self) { try SecretSource(text) }
    }

    @Test func readsEachKind() throws {
        let path = NSTemporaryDirectory() + "secret-\(UUID().uuidString)"
        try Data("s3cret\nsecond line\n".utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try SecretSource.file(path).read("password") == "s3cret")
        #expect(try SecretSource.environment("PW").read("password", environment: ["PW": "from-env"]) == "from-env")
        #expect(try SecretSource.command("printf 'tok-1\\n'").read("OAuth2 token") == "tok-1")
    }

    /// A signed-in account gives tokens through the token store, never as a plain secret.
    @Test func aSignedInAccountIsNotReadAsASecret() {
        #expect(throws: SecretError.self) { try SecretSource.account("MARI").read("password") }
    }

    @Test func failuresNameTheSourceNotTheSecret() {
        func message(_ source: SecretSource, _ environment: [String: String] = [:]) -> String {
            do { _ = try source.read("password", environment: environment); return "" } catch { return error.description }
        }
        #expect(message(.file("/nonexistent/pw")).contains("no such file"))
        #expect(message(.environment("PW")).contains("$PW is not set"))
        #expect(message(.command("echo hunter2 >&2; exit 3")).contains("exit 3"))
        #expect(message(.command("true")).contains("gave no password"))
        // A command that writes much to standard error before failing does not block.
        #expect(message(.command("head -c 200000 /dev/zero | tr '\\\\0' x >&2; exit 1")).contains("exit 1"))
    }
}
