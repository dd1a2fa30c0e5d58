import Foundation

extension SMTPConnection {
    /// AUTH (RFC 4954), run command by command rather than through libetpan's SASL: a password with
    /// PLAIN if offered, else LOGIN; an OAuth2 token with XOAUTH2 and an initial response. A `334` error
    /// challenge after XOAUTH2 is decoded and answered with an empty line, and the final reply (535, 454)
    /// is what the error reports, with the decoded challenge.
    public func authenticate(_ credential: Credential) throws(SMTPError) {
        let offered = capabilities.authMechanisms
        guard !offered.isEmpty else {
            let detail: String
            if endpoint.security == .none && capabilities.startTLS {
                detail = "the server offers AUTH only after STARTTLS (it announced STARTTLS but no AUTH on this "
                    + "unencrypted connection); use STARTTLS"
            } else {
                detail = "the server announced no AUTH mechanism (SMTP AUTH may be disabled on this server or port; "
                    + "submission is usually port 587 or 465)"
            }
            throw .authenticationUnavailable(endpoint: endpointText, offered: offered, detail: detail)
        }
        switch credential {
        case .password(let user, let password):
            if offered.contains("PLAIN") {
                try authenticatePlain(user: user, password: password)
            } else if offered.contains("LOGIN") {
                try authenticateLogin(user: user, password: password)
            } else {
                throw .authenticationUnavailable(endpoint: endpointText, offered: offered,
                                                 detail: "a password needs PLAIN or LOGIN, which the server does not offer")
            }
        case .oauth2(let user, let token):
            guard offered.contains("XOAUTH2") else {
                throw .authenticationUnavailable(endpoint: endpointText, offered: offered,
                                                 detail: "an OAuth2 token needs XOAUTH2, which the server does not offer")
            }
            try authenticateXOAUTH2(user: user, token: token)
        }
    }

    /// AUTH PLAIN with the initial response `\0user\0password` (RFC 4616).
    private func authenticatePlain(user: String, password: String) throws(SMTPError) {
        let response = Data("\u{0}\(user)\u{0}\(password)".utf8).base64EncodedString()
        var reply = try command("AUTH PLAIN \(response)", stage: .auth, secret: true)
        if reply.code == 334 {
            // A server that ignored the initial response asks for it; one that asks again is cancelled.
            reply = try command(response, stage: .auth, secret: true)
            if reply.code == 334 { reply = try command("*", stage: .auth) }
        }
        try finish(reply, mechanism: "PLAIN", user: user, challenge: nil)
    }

    /// AUTH LOGIN: user name and password each answer a 334 prompt, base64.
    private func authenticateLogin(user: String, password: String) throws(SMTPError) {
        var reply = try command("AUTH LOGIN", stage: .auth)
        var answers = [user, password]
        while reply.code == 334 {
            guard !answers.isEmpty else {
                reply = try command("*", stage: .auth)
                break
            }
            reply = try command(Data(answers.removeFirst().utf8).base64EncodedString(), stage: .auth, secret: true)
        }
        try finish(reply, mechanism: "LOGIN", user: user, challenge: nil)
    }

    /// The longest command line, CRLF included, that RFC 5321 §4.5.3.1.4 lets a client send. RFC
    /// 4954 §4: an AUTH command whose initial response would exceed it must not carry one (Postfix
    /// cuts lines at 2,048 bytes, Dovecot's submission and Gmail refuse them as too long).
    static let commandLineLimit = 512

    /// AUTH XOAUTH2: with the initial response where the command line stays within the limit, else
    /// the response after the server's empty `334` (a 1–4 KB Microsoft 365 token always). A 334
    /// after the response is the error challenge (base64 JSON), answered with an empty line to read
    /// the final reply.
    private func authenticateXOAUTH2(user: String, token: String) throws(SMTPError) {
        let response = OAuth2Challenge.initialResponse(user: user, token: token)
        let inline = "AUTH XOAUTH2 \(response)"
        let fits = inline.utf8.count + 2 <= Self.commandLineLimit
        var reply = try fits ? command(inline, stage: .auth, secret: true) : command("AUTH XOAUTH2", stage: .auth)
        if !fits, reply.code == 334 {
            reply = try command(response, stage: .auth, secret: true)
        }
        var challenge: OAuth2Challenge?
        var answered = 0
        while reply.code == 334 {
            answered += 1
            if challenge == nil { challenge = OAuth2Challenge(base64: reply.text) }
            // Empty line to get the final reply; a server that keeps challenging is cancelled.
            reply = try command(answered > 2 ? "*" : "", stage: .auth)
        }
        try finish(reply, mechanism: "XOAUTH2", user: user, challenge: challenge)
    }

    private func finish(_ reply: SMTPReply, mechanism: String, user: String, challenge: OAuth2Challenge?) throws(SMTPError) {
        guard reply.code == 235 else {
            throw .authenticationRejected(endpoint: endpointText, mechanism: mechanism, user: user, reply: reply,
                                          challenge: challenge)
        }
    }
}
