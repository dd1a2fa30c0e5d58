import BounceKit
import MailCore

/// What the SMTP client's errors tell the diagnosis: the stage, the server's reply (code, enhanced
/// status, words), a decoded XOAUTH2 challenge, or the local failure (refused, timed out, TLS).
enum SubmissionFailures {
    static func failure(stage: SubmissionFailure.Stage, reply: SMTPReply, host: String, recipient: String? = nil,
                        mechanism: String? = nil, challenge: OAuth2Challenge? = nil) -> SubmissionFailure {
        var failure = SubmissionFailure(stage: stage, serverHost: host, kind: .reply)
        failure.replyCode = reply.code
        failure.enhancedStatus = reply.enhancedStatus
        failure.replyText = reply.text
        failure.recipient = recipient
        failure.mechanism = mechanism
        if let challenge {
            failure.oauth2Status = challenge.status
            failure.oauth2Scope = challenge.scope
            failure.oauth2Decoded = challenge.decoded
        }
        return failure
    }

    /// The failure for every recipient alike (connecting, TLS, AUTH, MAIL, DATA). `authOnlyOverTLS`:
    /// the server offered STARTTLS but no AUTH on the unencrypted connection the settings asked for.
    static func failure(_ error: SMTPError, host: String, authOnlyOverTLS: Bool = false) -> SubmissionFailure {
        func local(_ stage: SubmissionFailure.Stage, _ kind: SubmissionFailure.Kind, _ detail: String) -> SubmissionFailure {
            var failure = SubmissionFailure(stage: stage, serverHost: host, kind: kind)
            failure.detail = detail
            return failure
        }
        switch error {
        case .connectFailed(_, let detail):
            return local(.connect, .refused, detail)
        case .timedOut(_, let stage, _):
            return local(Stage(stage), .timedOut, error.description)
        case .connectionLost(_, let stage):
            return local(Stage(stage), .connectionLost, error.description)
        case .tlsFailed(_, let detail):
            return local(.tls, .tlsHandshake, detail)
        case .certificateRejected(_, let reason):
            return local(.tls, .certificate, reason)
        case .startTLSUnavailable(_, let detail):
            return local(.starttls, .startTLSMissing, detail)
        case .greetingRejected(_, let reply):
            return failure(stage: .greeting, reply: reply, host: host)
        case .authenticationUnavailable(_, _, let detail):
            return local(.auth, authOnlyOverTLS ? .authOnlyOverTLS : .authUnavailable, detail)
        case .authenticationRejected(_, let mechanism, _, let reply, let challenge):
            return failure(stage: .auth, reply: reply, host: host, mechanism: mechanism, challenge: challenge)
        case .senderRejected(_, _, let reply):
            return failure(stage: .mail, reply: reply, host: host)
        case .recipientsRejected(_, let rejections):
            if let first = rejections.first { return failure(stage: .rcpt, reply: first.reply, host: host, recipient: first.recipient) }
            return local(.rcpt, .connectionLost, error.description)
        case .dataRejected(_, let reply):
            return failure(stage: .data, reply: reply, host: host)
        case .invalidEnvelope(_, let detail):
            return local(.mail, .reply, detail)
        case .commandFailed(_, let stage, let reply):
            if let reply { return failure(stage: Stage(stage), reply: reply, host: host) }
            return local(Stage(stage), .connectionLost, error.description)
        }
    }

    /// No access token to sign in with: the token endpoint's answer, or why it could not be asked.
    static func failure(_ error: AccessTokenFailure, host: String) -> SubmissionFailure {
        var failure = SubmissionFailure(stage: .auth, serverHost: host, kind: .tokenRefresh, detail: error.oauth?.description ?? error.message,
                                        mechanism: "XOAUTH2")
        failure.account = error.account
        failure.providerName = error.providerName
        failure.tokenError = error.code
        failure.providerCodes = error.oauth?.providerCodes ?? []
        return failure
    }

    /// No password or token to sign in with: its source (named, never read out) could not be read.
    static func failure(_ error: SecretError, source: SecretSource, user: String, host: String) -> SubmissionFailure {
        var failure = SubmissionFailure(stage: .auth, serverHost: host, kind: .secretUnavailable, detail: error.description)
        failure.secretSource = source.description
        failure.account = user
        return failure
    }

    /// Recipient-specific failures: every RCPT refused, each with its own reply.
    static func perRecipient(_ error: SMTPError, host: String) -> [String: SubmissionFailure] {
        guard case .recipientsRejected(_, let rejections) = error else { return [:] }
        var failures: [String: SubmissionFailure] = [:]
        for rejection in rejections {
            failures[rejection.recipient.lowercased()] = failure(stage: .rcpt, reply: rejection.reply, host: host,
                                                                 recipient: rejection.recipient)
        }
        return failures
    }

    private static func Stage(_ stage: SMTPStage) -> SubmissionFailure.Stage {
        SubmissionFailure.Stage(rawValue: stage.rawValue) ?? .mail // RSET: between messages
    }
}

extension SMTPError {
    /// The connection is gone (timed out or dropped): it cannot carry another message.
    var isConnectionFailure: Bool {
        switch self {
        case .timedOut, .connectionLost: return true
        case .commandFailed(_, _, nil): return true
        default: return false
        }
    }
}
