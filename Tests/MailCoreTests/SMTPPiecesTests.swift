import Foundation
@testable import MailCore
import Testing

/// The SMTP client's pure pieces: replies, EHLO capabilities, xtext, error wording.
struct SMTPPiecesTests {
    @Test(arguments: [
        (535, ["5.7.8 Error: authentication failed: authentication failure"], "5.7.8"),
        (250, ["2.0.0 Ok: queued as 12345"], "2.0.0"),
        (220, ["mx.example.com ESMTP Postfix"], nil),
        (554, ["5.7.1"], "5.7.1"),
        (550, ["5.1.1x user unknown"], nil),
        (421, ["4.7.0 Try again later"], "4.7.0"),
        (535, ["5.7.8 Username and Password not accepted. Learn more at", "5.7.8  https://support.google.com/mail/?p=BadCredentials"], "5.7.8"),
    ] as [(Int, [String], String?)])
    func replyEnhancedStatus(code: Int, lines: [String], status: String?) {
        let reply = SMTPReply(code: code, lines: lines)
        #expect(reply.enhancedStatus == status)
        #expect(reply.text == lines.joined(separator: "\n"))
        #expect(reply.description == "\(code) " + lines.joined(separator: " "))
    }

    @Test func capabilitiesFromEHLO() {
        let capabilities = SMTPCapabilities(ehloText: """
        mx.events.test
        PIPELINING
        SIZE 10240000
        STARTTLS
        AUTH PLAIN login xoauth2
        AUTH=PLAIN LOGIN CRAM-MD5
        ENHANCEDSTATUSCODES
        8BITMIME
        DSN
        SMTPUTF8
        """)
        #expect(capabilities.authMechanisms == ["PLAIN", "LOGIN", "XOAUTH2", "CRAM-MD5"])
        #expect(capabilities.size == 10_240_000)
        #expect(capabilities.dsn && capabilities.pipelining && capabilities.startTLS && capabilities.eightBitMIME)
        #expect(capabilities.smtpUTF8 && capabilities.enhancedStatusCodes)
        let bare = SMTPCapabilities(ehloText: "old.example\nSIZE 0")
        #expect(!bare.dsn && bare.authMechanisms.isEmpty && bare.size == nil && !bare.startTLS)
    }

    @Test func xtext() {
        #expect(XText.encode("env-123@x") == "env-123@x")
        #expect(XText.encode("a+b=c d") == "a+2Bb+3Dc+20d")
        #expect(XText.encode("é") == "+C3+A9")
    }

    @Test func xoauth2RefusalIsNotABare334() {
        let challenge = OAuth2Challenge(base64: "eyJzdGF0dXMiOiI0MDEiLCJzY2hlbWVzIjoiYmVhcmVyIiwic2NvcGUiOiJtYWlsIn0=")
        let error = SMTPError.authenticationRejected(
            endpoint: "smtp.example.com:587", mechanism: "XOAUTH2", user: "a@example.com",
            reply: SMTPReply(code: 535, lines: ["5.7.8 Username and Password not accepted."]), challenge: challenge)
        #expect("\(error)" == "smtp smtp.example.com:587: the server rejected the OAuth2 token (AUTH XOAUTH2) for "
                + "a@example.com: status 401 (token invalid or expired), scope mail, schemes bearer; final reply: 535 "
                + "5.7.8 Username and Password not accepted. Refresh the access token; if refreshing fails, re-authorise "
                + "the mailbox (sign in again to grant access)")
        #expect(!error.isTransient && error.stage == .auth && error.reply?.code == 535)
    }

    @Test func transience() {
        let endpoint = "h:25"
        #expect(SMTPError.authenticationRejected(endpoint: endpoint, mechanism: "PLAIN", user: "u",
                                                 reply: SMTPReply(code: 454, lines: ["4.7.0 Temporary authentication failure"]),
                                                 challenge: nil).isTransient)
        #expect(!SMTPError.senderRejected(endpoint: endpoint, address: "a@b",
                                          reply: SMTPReply(code: 553, lines: ["5.7.1 not owned"])).isTransient)
        #expect(SMTPError.recipientsRejected(endpoint: endpoint, [
            SMTPRecipientRejection(recipient: "a@b", reply: SMTPReply(code: 450, lines: ["4.2.0 greylisted"])),
        ]).isTransient)
        #expect(SMTPError.connectionLost(endpoint: endpoint, stage: .data).isTransient)
    }

    @Test func senderRefusalsAboutTheAddressOrTheSession() {
        #expect(SMTPConnection.isAboutTheSender(SMTPReply(code: 553, lines: ["5.7.1 <a@b>: Sender address rejected"])))
        #expect(SMTPConnection.isAboutTheSender(SMTPReply(code: 550, lines: ["no such sender"])))
        #expect(!SMTPConnection.isAboutTheSender(SMTPReply(code: 530, lines: ["5.7.0 Must issue a STARTTLS command first"])))
        #expect(!SMTPConnection.isAboutTheSender(SMTPReply(code: 552, lines: ["5.3.4 Message size exceeds fixed limit"])))
    }
}
