import CertificateTrust
import Foundation
import MailCore
import Testing

/// `SMTPConnection` against a real Postfix with Dovecot SASL on 127.0.0.1 (`scripts/mail-test-servers`).
@Suite("SMTPConnection", .serialized, .mailTestServers,
       .enabled(if: MailTestServers.isAvailable, MailTestServers.unavailable))
struct SMTPConnectionTests {
    let servers: MailTestServers

    init() throws {
        servers = try MailTestServers.shared
    }

    /// The real certificate check: the chain must lead to `caFile` and name the host.
    static func verifier(_ caFile: String) throws -> SMTPConnection.ChainVerifier {
        let verifier = CertificateVerifier(roots: try TrustRoots(pemFile: caFile))
        return { chain, host in _ = try verifier.verify(chain: chain, host: host) }
    }

    func connection(_ port: UInt16, _ security: SMTPConnection.Security, ca: String? = nil,
                    timeout: Int = 10) throws -> SMTPConnection {
        let connection = SMTPConnection(endpoint: .init(host: "127.0.0.1", port: port, security: security),
                                        timeout: timeout, clientName: "client.events.test")
        try connection.connect(verifyChain: security == .none ? nil : Self.verifier(ca ?? servers.caFile))
        return connection
    }

    /// A message with LF line ends and a line starting with ".", which must arrive unstuffed.
    static func message(_ marker: String, to recipient: String = "alice@local.test") -> [UInt8] {
        Array("""
        From: Company <company@event.test>
        To: <\(recipient)>
        Subject: test \(marker)
        Message-ID: <\(marker)@event.test>

        Body of \(marker).
        .a line that starts with a dot
        ..two dots
        last line

        """.utf8)
    }

    static func marker() -> String { "m-" + UUID().uuidString.lowercased() }

    func expectDelivered(_ marker: String, in maildir: String? = nil) {
        let text = servers.waitForMail(in: maildir ?? servers.aliceMaildir, containing: [marker])
        #expect(text != nil, "message \(marker) did not arrive")
        guard let text else { return }
        #expect(text.contains("\n.a line that starts with a dot\n..two dots\nlast line\n"), "\(text)")
        #expect(!text.contains("\r"))
    }

    @Test func startTLSPlainAuthAndSendWithDSN() throws {
        let connection = try connection(servers.submissionPort, .startTLS)
        defer { connection.quit() }
        #expect(connection.capabilities.dsn)
        #expect(connection.capabilities.authMechanisms.contains("PLAIN"))
        #expect(connection.capabilities.authMechanisms.contains("XOAUTH2"))
        #expect(!connection.capabilities.startTLS) // not offered again once TLS is up
        #expect(connection.capabilities.size == 10_240_000)
        try connection.authenticate(.password(user: servers.user, password: servers.password))
        let marker = Self.marker()
        var dsn = DSNRequest(envelopeID: marker)
        dsn.notifySuccess = true
        let delivery = try connection.send(SMTPEnvelope(mailFrom: "company+\(marker)@event.test",
                                                        recipients: ["alice@local.test"], dsn: dsn),
                                           message: Self.message(marker))
        #expect(delivery.accepted == ["alice@local.test"])
        #expect(delivery.rejected.isEmpty)
        #expect(delivery.usedDSN)
        #expect(delivery.reply.code == 250)
        #expect(delivery.reply.enhancedStatus == "2.0.0")
        expectDelivered(marker)
        // NOTIFY=SUCCESS, ENVID and ORCPT reached Postfix: its success report carries them back.
        let report = servers.waitForMail(in: servers.eventMaildir, containing: [
            "Original-Envelope-Id: \(marker)", "Original-Recipient: rfc822;alice@local.test", "Action: delivered",
        ])
        #expect(report != nil, "no success DSN with the envelope ID in the event mailbox")
    }

    @Test func unknownUserBouncesWithTheEnvelopeIDAndHeadersOnly() throws {
        let connection = try connection(servers.submissionPort, .startTLS)
        defer { connection.quit() }
        try connection.authenticate(.password(user: servers.user, password: servers.password))
        let marker = Self.marker()
        let delivery = try connection.send(SMTPEnvelope(mailFrom: "company+\(marker)@event.test",
                                                        recipients: ["nobody+x=y@local.test"],
                                                        dsn: DSNRequest(envelopeID: marker)),
                                           message: Self.message(marker, to: "nobody+x=y@local.test"))
        #expect(delivery.accepted == ["nobody+x=y@local.test"])
        let bounce = servers.waitForMail(in: servers.eventMaildir, containing: ["Original-Envelope-Id: \(marker)", "Action: failed"])
        #expect(bounce != nil, "no bounce with the envelope ID in the event mailbox")
        guard let bounce else { return }
        #expect(bounce.contains("text/rfc822-headers"), "\(bounce)")
        // Sent xtext-encoded (ORCPT=rfc822;nobody+2Bx+3Dy@local.test); Postfix reports it decoded.
        #expect(bounce.contains("Original-Recipient: rfc822;nobody+x=y@local.test"), "\(bounce)")
        #expect(!bounce.contains("Body of \(marker)")) // RET=HDRS: headers only
    }

    @Test func implicitTLSPort() throws {
        let connection = try connection(servers.smtpsPort, .ssl)
        defer { connection.quit() }
        try connection.authenticate(.password(user: servers.user, password: servers.password))
        let marker = Self.marker()
        let delivery = try connection.send(SMTPEnvelope(mailFrom: "company@event.test", recipients: ["alice@local.test"]),
                                           message: Self.message(marker))
        #expect(!delivery.usedDSN)
        expectDelivered(marker)
    }

    @Test func plainPortWithoutTLS() throws {
        let connection = try connection(servers.plainPort, .none)
        defer { connection.quit() }
        #expect(!connection.capabilities.startTLS)
        try connection.authenticate(.password(user: servers.user, password: servers.password))
        let marker = Self.marker()
        _ = try connection.send(SMTPEnvelope(mailFrom: "company@event.test", recipients: ["alice@local.test"]),
                                message: Self.message(marker))
        expectDelivered(marker)
    }

    @Test func wrongPasswordIsRejectedWithTheServersReply() throws {
        let connection = try connection(servers.submissionPort, .startTLS)
        defer { connection.quit() }
        let error = #expect(throws: SMTPError.self) {
            try connection.authenticate(.password(user: self.servers.user, password: "wrong-secret-password"))
        }
        guard case .authenticationRejected(_, let mechanism, let user, let reply, let challenge)? = error else {
            Issue.record("expected authenticationRejected, got \(String(describing: error))")
            return
        }
        #expect(mechanism == "PLAIN" && user == servers.user && challenge == nil)
        #expect(reply.code == 535 && reply.enhancedStatus == "5.7.8")
        let text = "\(error.map { "\($0)" } ?? "")"
        #expect(text.hasPrefix("smtp 127.0.0.1:\(servers.submissionPort): the server rejected AUTH PLAIN for events: 535 5.7.8 Error: authentication failed"), "\(text)")
        #expect(!text.contains("wrong-secret-password"))
        #expect(error?.isTransient == false)
        #expect(error?.stage == .auth)
    }

    /// Authenticates with XOAUTH2 over STARTTLS, sends a message and sees it delivered.
    private func sendWithXOAUTH2(user: String, token: String) throws {
        let connection = try connection(servers.submissionPort, .startTLS)
        defer { connection.quit() }
        try connection.authenticate(.oauth2(user: user, accessToken: token))
        let marker = Self.marker()
        _ = try connection.send(SMTPEnvelope(mailFrom: "company@event.test", recipients: ["alice@local.test"]),
                                message: Self.message(marker))
        expectDelivered(marker)
    }

    @Test func xoauth2WithAGoodToken() throws {
        try sendWithXOAUTH2(user: servers.oauthUser, token: servers.oauthToken)
    }

    /// RFC 4954 §4: a 4 KB token would make a 4 KB command line (Postfix cuts at 2,048 bytes); it
    /// goes after the server's 334 and reaches Dovecot intact through Postfix.
    @Test func xoauth2WithAFourKilobyteToken() throws {
        #expect(servers.longOAuthToken.utf8.count >= 4_096)
        try sendWithXOAUTH2(user: servers.longOAuthUser, token: servers.longOAuthToken)
    }

    @Test func xoauth2WithABadTokenReportsTheChallengeAndTheFinalReply() throws {
        let connection = try connection(servers.submissionPort, .startTLS)
        defer { connection.quit() }
        let error = #expect(throws: SMTPError.self) {
            try connection.authenticate(.oauth2(user: self.servers.oauthUser, accessToken: "expired-secret-token"))
        }
        guard case .authenticationRejected(_, let mechanism, _, let reply, let challenge)? = error else {
            Issue.record("expected authenticationRejected, got \(String(describing: error))")
            return
        }
        #expect(mechanism == "XOAUTH2")
        #expect(reply.code == 535, "the final reply, not the 334 challenge")
        #expect(challenge?.status == "401")
        let text = "\(error.map { "\($0)" } ?? "")"
        #expect(text.contains("rejected the OAuth2 token (AUTH XOAUTH2) for \(servers.oauthUser): status 401 (token invalid or expired)"), "\(text)")
        #expect(text.contains("final reply: 535 5.7.8"), "\(text)")
        #expect(!text.contains("334"))
        #expect(!text.contains("expired-secret-token") && !text.contains("eyJ"))
        #expect(text.hasSuffix("Refresh the access token; if refreshing fails, re-authorise the mailbox (sign in again to grant access)"))
        // The connection is still in a sane state after the refusal.
        try connection.authenticate(.oauth2(user: servers.oauthUser, accessToken: servers.oauthToken))
    }

    @Test func noTLSAgainstTheSubmissionPortIsRefusedClearly() throws {
        let connection = try connection(servers.submissionPort, .none)
        defer { connection.quit() }
        #expect(connection.capabilities.startTLS)
        #expect(connection.capabilities.authMechanisms.isEmpty)
        let auth = #expect(throws: SMTPError.self) {
            try connection.authenticate(.password(user: self.servers.user, password: self.servers.password))
        }
        guard case .authenticationUnavailable(_, let offered, let detail)? = auth else {
            Issue.record("expected authenticationUnavailable, got \(String(describing: auth))")
            return
        }
        #expect(offered.isEmpty && detail.contains("only after STARTTLS"))
        let mail = #expect(throws: SMTPError.self) {
            _ = try connection.send(SMTPEnvelope(mailFrom: "company@event.test", recipients: ["alice@local.test"]),
                                    message: Self.message(Self.marker()))
        }
        #expect(mail == .commandFailed(endpoint: "127.0.0.1:\(servers.submissionPort)", stage: .mail,
                                       reply: SMTPReply(code: 530, lines: ["5.7.0 Must issue a STARTTLS command first"])))
        #expect("\(mail.map { "\($0)" } ?? "")".contains("MAIL FROM was refused: 530 5.7.0 Must issue a STARTTLS command first. The server requires STARTTLS"))
    }

    @Test(arguments: [SMTPConnection.Security.startTLS, .ssl])
    func unknownCAIsRefusedBeforeAuth(security: SMTPConnection.Security) throws {
        let port = security == .ssl ? servers.smtpsPort : servers.submissionPort
        let error = #expect(throws: SMTPError.self) {
            _ = try self.connection(port, security, ca: self.servers.otherCAFile)
        }
        guard case .certificateRejected(let endpoint, _)? = error else {
            Issue.record("expected certificateRejected, got \(String(describing: error))")
            return
        }
        #expect(endpoint == "127.0.0.1:\(port)")
        #expect("\(error.map { "\($0)" } ?? "")".contains("certificate was rejected, no credentials were sent"))
    }

    @Test func oneRecipientRefusedTheOtherAccepted() throws {
        let connection = try connection(servers.submissionPort, .startTLS)
        defer { connection.quit() }
        try connection.authenticate(.password(user: servers.user, password: servers.password))
        let marker = Self.marker()
        let delivery = try connection.send(
            SMTPEnvelope(mailFrom: "company@event.test", recipients: ["someone@refused.test", "alice@local.test"],
                         dsn: DSNRequest(envelopeID: marker)),
            message: Self.message(marker))
        #expect(delivery.accepted == ["alice@local.test"])
        #expect(delivery.rejected.map(\.recipient) == ["someone@refused.test"])
        #expect(delivery.rejected.first?.reply.code == 550)
        #expect(delivery.rejected.first?.reply.enhancedStatus == "5.7.1")
        expectDelivered(marker)

        // Every recipient refused: no DATA, an error naming them, and the connection stays usable.
        try connection.reset()
        let error = #expect(throws: SMTPError.self) {
            _ = try connection.send(SMTPEnvelope(mailFrom: "company@event.test", recipients: ["a@refused.test", "b@refused.test"]),
                                    message: Self.message(Self.marker()))
        }
        guard case .recipientsRejected(_, let rejections)? = error else {
            Issue.record("expected recipientsRejected, got \(String(describing: error))")
            return
        }
        #expect(rejections.map(\.recipient) == ["a@refused.test", "b@refused.test"])
        #expect(error?.isTransient == false)
        let again = Self.marker()
        _ = try connection.send(SMTPEnvelope(mailFrom: "company@event.test", recipients: ["alice@local.test"]),
                                message: Self.message(again))
        expectDelivered(again)
    }

    @Test func connectionRefused() throws {
        let error = #expect(throws: SMTPError.self) {
            _ = try self.connection(self.servers.deadPort, .startTLS)
        }
        guard case .connectFailed(let endpoint, _)? = error else {
            Issue.record("expected connectFailed, got \(String(describing: error))")
            return
        }
        #expect(endpoint == "127.0.0.1:\(servers.deadPort)")
        #expect(error?.isTransient == true)
    }

    @Test func implicitTLSOnThePlainPortFailsTheHandshake() throws {
        let error = #expect(throws: SMTPError.self) {
            _ = try self.connection(self.servers.plainPort, .ssl, timeout: 5)
        }
        #expect(error?.stage == .tls, "\(String(describing: error))")
    }

    @Test func silentServerTimesOut() throws {
        let listener = try SilentListener()
        let started = Date()
        let error = #expect(throws: SMTPError.self) {
            _ = try self.connection(listener.port, .startTLS, timeout: 2)
        }
        #expect(error == .timedOut(endpoint: "127.0.0.1:\(listener.port)", stage: .greeting, seconds: 2))
        #expect(Date().timeIntervalSince(started) < 6)
    }

    @Test func threeMessagesOverOneConnection() throws {
        let connection = try connection(servers.submissionPort, .startTLS)
        defer { connection.quit() }
        try connection.authenticate(.password(user: servers.user, password: servers.password))
        var markers: [String] = []
        for index in 0..<3 {
            if index > 0 { try connection.reset() }
            let marker = Self.marker()
            markers.append(marker)
            let delivery = try connection.send(SMTPEnvelope(mailFrom: "company@event.test", recipients: ["alice@local.test"],
                                                            dsn: DSNRequest(envelopeID: marker)),
                                               message: Self.message(marker))
            #expect(delivery.reply.code == 250)
        }
        for marker in markers { expectDelivered(marker) }
    }
}
