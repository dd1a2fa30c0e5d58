import Crypto
import Foundation

/// RFC 7636 proof key: the authorization request carries SHA-256(verifier), the token request the
/// verifier, so a code intercepted on the loopback redirect is useless to whoever intercepted it.
public struct PKCE: Sendable, CustomStringConvertible {
    /// Secret until the code exchange; never logged.
    public let verifier: String
    public let challenge: String
    public static let method = "S256"

    /// 32 random bytes, base64url without padding: a 43-character verifier (RFC 7636 §4.1).
    public static func make() -> PKCE {
        PKCE(verifier: RandomToken.make(bytes: 32))
    }

    public init(verifier: String) {
        self.verifier = verifier
        self.challenge = Base64URL.encode(Data(Array(SHA256.hash(data: Data(verifier.utf8)))))
    }

    /// The challenge only: the verifier is what proves possession.
    public var description: String {
        "PKCE(\(Self.method) challenge \(challenge))"
    }
}
