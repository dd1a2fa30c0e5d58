import Foundation
import OAuthKit
import Testing

@Suite("PKCE")
struct PKCETests {
    /// RFC 7636 Appendix B. (The challenge is the RFC's; it is also what `openssl dgst -sha256 -binary | basenc
    /// --base64url` gives, with the padding dropped. A variant ending "…FWmJ-Q5b0mCV5kEjeARf3MAtMdAEbjM" circulates but is not SHA-256 of this verifier.)
    @Test func rfc7636AppendixBVector() {
        let pkce = PKCE(verifier: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")
        #expect(pkce.challenge == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")
        #expect(PKCE.method == "S256")
    }

    @Test func madeVerifiersAre43UnreservedCharactersAndDiffer() {
        let first = PKCE.make()
        let second = PKCE.make()
        #expect(first.verifier.count == 43)
        #expect(first.verifier != second.verifier)
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        #expect(first.verifier.unicodeScalars.allSatisfy(allowed.contains))
        #expect(first.challenge == PKCE(verifier: first.verifier).challenge)
    }
}
