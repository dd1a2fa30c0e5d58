import Foundation
@testable import MailCore
import Testing

@Suite("IMAP pieces")
struct IMAPPiecesTests {
    @Test func oauth2ChallengeIsDecoded() throws {
        let json = #"{"status":"401","schemes":"bearer","scope":"https://mail.google.com/"}"#
        let challenge = try #require(OAuth2Challenge(base64: Data(json.utf8).base64EncodedString()))
        #expect(challenge.status == "401")
        #expect(challenge.schemes == "bearer")
        #expect(challenge.scope == "https://mail.google.com/")
        #expect(challenge.decoded == json)
        #expect(challenge.description == "status 401 (token invalid or expired), scope https://mail.google.com/, schemes bearer")
        #expect(challenge.remedy.hasPrefix("Refresh the access token"))
        #expect(challenge.remedy.contains("re-authorise the mailbox"))
    }

    @Test func oauth2ChallengeWithoutPaddingOrJSON() throws {
        // Base64 without its padding, and a number where a string was expected.
        let unpadded = Data(#"{"status":403}"#.utf8).base64EncodedString().replacingOccurrences(of: "=", with: "")
        let challenge = try #require(OAuth2Challenge(base64: unpadded))
        #expect(challenge.status == "403")
        #expect(challenge.remedy.hasPrefix("Re-authorise the mailbox"))
        let text = try #require(OAuth2Challenge(base64: Data("not json".utf8).base64EncodedString()))
        #expect(text.status == nil)
        #expect(text.description == "challenge not json")
        let rfc6750 = try #require(OAuth2Challenge(base64: Data(#"{"status":"invalid_token","scope":"mail"}"#.utf8).base64EncodedString() + "\r\n"))
        #expect(rfc6750.description == "status invalid_token (token invalid or expired), scope mail")
        #expect(rfc6750.remedy.hasPrefix("Refresh the access token"))
        #expect(OAuth2Challenge(base64: "") == nil)
        #expect(OAuth2Challenge(base64: "***") == nil)
    }

    @Test func xoauth2InitialResponse() {
        let response = OAuth2Challenge.initialResponse(user: "u@example.com", token: "t0k")
        #expect(String(decoding: Data(base64Encoded: response)!, as: UTF8.self) == "user=u@example.com\u{1}auth=Bearer t0k\u{1}\u{1}")
    }

    @Test func rejectedTokenMessageNamesStatusAndRemedyNotTheContinuation() {
        let challenge = OAuth2Challenge(base64: Data(#"{"status":"401","schemes":"bearer"}"#.utf8).base64EncodedString())
        let error = IMAPError.oauth2Rejected(user: "events@example.com", challenge: challenge,
                                             serverText: "[AUTHENTICATIONFAILED] Authentication failed.")
        #expect(error.description == "the server refused the OAuth2 token for events@example.com: status 401 (token "
                + "invalid or expired), schemes bearer; it said: [AUTHENTICATIONFAILED] Authentication failed. Refresh "
                + "the access token; if refreshing fails, re-authorise the mailbox (sign in again to grant access)")
        #expect(!error.description.contains("334"))
        #expect(!error.isTransient)
        #expect(IMAPError.connectionLost(endpoint: "h:993", operation: "UID FETCH").isTransient)
    }

    @Test(arguments: [
        ("INBOX", "INBOX"),
        ("Processed/2026", "Processed/2026"),
        ("R&D", "R&-D"),
        ("Töötlemata", "T&APYA9g-tlemata"),
        ("日本語", "&ZeVnLIqe-"),
    ])
    func folderNamesAreModifiedUTF7(name: String, encoded: String) {
        #expect(ModifiedUTF7.encode(name) == encoded)
    }

    @Test func uidsFoldIntoRanges() {
        #expect(Array(UIDRanges([7, 1, 2, 3, 3, 9, 8, 20])) == [1...3, 7...9, 20...20])
        #expect(Array(UIDRanges([])) == [])
        #expect(Array(UIDRanges([UInt32.max, UInt32.max - 1, UInt32.max])) == [(UInt32.max - 1)...UInt32.max])
    }

    @Test func ipLiteralsGetNoServerName() {
        #expect(HostName.isIPLiteral("127.0.0.1"))
        #expect(HostName.isIPLiteral("::1"))
        #expect(!HostName.isIPLiteral("localhost"))
        #expect(!HostName.isIPLiteral("imap.example.com"))
    }
}
