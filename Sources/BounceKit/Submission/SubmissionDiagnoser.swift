import MailModel

/// Explains a failed submission to the user's SMTP server: the provider's own row first (host plus
/// reply text), then the enhanced status code (RFC 3463), then the basic reply code (RFC 5321
/// §4.2), refined by the session stage. Rows from `shared/reference/smtp-codes.tsv`.
public enum SubmissionDiagnoser {
    /// The longest quotation of a server's reply kept in a cause.
    static let quoteLimit = 300

    public static func diagnose(_ failure: SubmissionFailure) -> SubmissionDiagnosis {
        switch failure.kind {
        case .refused:
            return local(failure, .connectionfailed, "the connection to \(failure.serverHost) was refused")
        case .timedOut:
            return local(failure, .timeout, "\(failure.serverHost) did not answer in time")
        case .connectionLost:
            if isTLSMismatch(failure.detail) { return local(failure, .tlsfailed, tlsMismatchMeaning(failure)) }
            var diagnosis = local(failure, .connectionfailed, "the connection to \(failure.serverHost) was lost during the "
                + "\(stageName(failure.stage)) step")
            diagnosis.transient = true
            diagnosis.remedy = "Retry later; if it keeps happening, check the port and TLS mode (465 = SSL/TLS, 587 = STARTTLS) "
                + "and whether a firewall resets the connection."
            return diagnosis
        case .tlsHandshake:
            if isCertificateProblem(failure.detail) {
                return local(failure, .certificaterejected, "the certificate of \(failure.serverHost) was not accepted")
            }
            return local(failure, .tlsfailed, tlsMismatchMeaning(failure))
        case .certificate:
            return local(failure, .certificaterejected, "the certificate of \(failure.serverHost) was not accepted")
        case .startTLSMissing:
            var diagnosis = local(failure, .tlsfailed, "\(failure.serverHost) does not offer STARTTLS, which the settings require")
            diagnosis.remedy = "Check the host and port: on port 465 choose SSL/TLS instead of STARTTLS; on 587 the provider's "
                + "submission server offers STARTTLS. Do not send unencrypted."
            return diagnosis
        case .authUnavailable:
            let method = failure.mechanism.map { "the \($0) sign-in method" } ?? "SMTP authentication"
            return local(failure, .authmechanism, "\(failure.serverHost) does not offer \(method)")
        case .authOnlyOverTLS:
            return local(failure, .starttlsrequired, "\(failure.serverHost) offers sign-in only after STARTTLS, and the "
                + "settings turn TLS off")
        case .reply:
            return reply(failure)
        case .tokenRefresh:
            return TokenRefreshDiagnosis.diagnose(failure)
        case .secretUnavailable:
            return SecretDiagnosis.diagnose(failure)
        }
    }

    // MARK: - Server replies

    static func reply(_ failure: SubmissionFailure) -> SubmissionDiagnosis {
        if let missingLogin = MissingLoginDiagnosis.diagnose(failure) { return missingLogin }
        let words = serverWords(failure)
        let text = SearchText(words)
        let status = failure.enhancedStatus.flatMap { StatusCode($0) } ?? StatusCode.first(in: words.prefix(40))
        let providers = Provider.identify(hosts: [failure.serverHost], text: text)
        let rule = SubmissionRules.match(text, status: status, replyCode: failure.replyCode, stage: failure.stage,
                                         providers: providers)
        if let oauth = oauthRejection(failure), rule.map({ tokenRules.contains($0.reason) }) ?? true {
            return oauthDiagnosis(failure, challenge: oauth, status: status, words: words, providers: providers)
        }
        let reason = rule?.reason ?? fallbackReason(failure, status: status)
        var meaning = rule?.meaning ?? SubmissionReasonText.meaning(reason)
        if reason == .recipientrejected, let recipient = failure.recipient {
            meaning = "the server refused the recipient \(recipient)"
        }
        var remedy = rule?.remedy ?? SubmissionReasonText.remedy(reason)
        if providers.contains(.microsoft), rule?.provider == nil, [.badcredentials, .authmechanism].contains(reason),
           !isOAuth(failure.mechanism) {
            remedy += " " + MicrosoftSubmission.timeline + " " + MicrosoftSubmission.useOAuth
        }
        let classTransient = (failure.replyCode.map { (400..<500).contains($0) } ?? false) || status?.isTransient == true
        var transient = rule?.transient ?? (rule == nil ? classTransient : (classTransient || SubmissionReasonText.transient(reason)))
        if failure.replyCode == 535 || failure.replyCode.map({ $0 >= 500 }) == true && rule?.transient != true {
            transient = false
        }
        return SubmissionDiagnosis(reason: reason, cause: cause(failure, meaning: meaning, words: words), remedy: remedy,
                                   transient: transient, status: status?.description, replyCode: failure.replyCode)
    }

    /// Reasons an OAuth rejection overrides: what a failed token looks like to a generic rule.
    static let tokenRules: Set<SubmissionReason> = [.badcredentials, .apppasswordrequired, .authmechanism, .servererror]

    /// No rule matched: decide by stage and class.
    static func fallbackReason(_ failure: SubmissionFailure, status: StatusCode?) -> SubmissionReason {
        let permanent = failure.replyCode.map { $0 >= 500 } ?? (status?.isPermanent ?? false)
        guard permanent else { return .servererror }
        switch failure.stage {
        case .mail: return .senderrejected
        case .rcpt: return .recipientrejected
        case .data: return .messagerejected
        case .auth: return .badcredentials
        default: return .servererror
        }
    }

    // MARK: - OAuth

    static func isOAuth(_ mechanism: String?) -> Bool {
        guard let mechanism = mechanism?.uppercased() else { return false }
        return mechanism == "XOAUTH2" || mechanism == "OAUTHBEARER"
    }

    /// The token was rejected: the challenge was decoded, or a `334 eyJ…` challenge is all there is,
    /// or an OAuth mechanism ended in 535/454 (or stopped at a 334).
    static func oauthRejection(_ failure: SubmissionFailure) -> OAuthChallenge? {
        if failure.oauth2Status != nil || failure.oauth2Scope != nil || failure.oauth2Decoded != nil {
            let decoded = failure.oauth2Decoded.map(OAuthChallenge.init(json:))
            return OAuthChallenge(status: failure.oauth2Status ?? decoded?.status, scope: failure.oauth2Scope ?? decoded?.scope)
        }
        if failure.replyCode == 334 || failure.replyText?.trimmingWhitespace().hasPrefix("334 eyJ") == true {
            let text = failure.replyText?.trimmingWhitespace() ?? ""
            let payload = text.hasPrefix("334") ? String(text.dropFirst(3)) : text
            if let json = OAuthChallenge.decodedJSON(fromChallenge: payload) { return OAuthChallenge(json: json) }
            if isOAuth(failure.mechanism) { return OAuthChallenge(status: nil, scope: nil) }
        }
        if isOAuth(failure.mechanism), failure.stage == .auth, failure.replyCode == 535 {
            return OAuthChallenge(status: nil, scope: nil)
        }
        return nil
    }

    static func oauthDiagnosis(_ failure: SubmissionFailure, challenge: OAuthChallenge, status: StatusCode?,
                               words: String, providers: [Provider]) -> SubmissionDiagnosis {
        var meaning = "the server rejected the OAuth access token"
        if challenge.status != nil { meaning += ": " + challenge.meaning }
        if let scope = challenge.scope { meaning += "; the server expects the scope \(scope)" }
        // A 334 is a continuation, not the server's verdict: it is not quoted as what the server said.
        let quoted = failure.replyCode == 334 || words.hasPrefix("334") || words.hasPrefix("eyJ") ? "" : words
        var cause = "Signing in to \(failure.serverHost) with \(failure.mechanism?.uppercased() ?? "OAuth") failed: \(meaning)."
        if !quoted.isEmpty { cause += " The server said: “\(quote(quoted))”." }
        var remedy = SubmissionReasonText.remedy(.oauthtokenrejected)
        if providers.contains(.microsoft) {
            remedy += " For Microsoft 365 the token must carry the scope https://outlook.office.com/SMTP.Send (delegated) or "
                + ".default with SMTP.SendAsApp (app-only), and user= must be the mailbox itself."
        } else if providers.contains(.google) {
            remedy += " For Gmail the token must carry the scope https://mail.google.com/ and belong to the mailbox's account."
        }
        return SubmissionDiagnosis(reason: .oauthtokenrejected, cause: cause, remedy: remedy, transient: false,
                                   status: status?.description, replyCode: failure.replyCode == 334 ? nil : failure.replyCode)
    }

    // MARK: - Local failures

    static func local(_ failure: SubmissionFailure, _ reason: SubmissionReason, _ meaning: String) -> SubmissionDiagnosis {
        var cause = "Sending through \(failure.serverHost) failed at the \(stageName(failure.stage)) step: \(meaning)."
        if let detail = failure.detail?.trimmingWhitespace(), !detail.isEmpty {
            cause += " The error was: “\(quote(detail))”."
        }
        var remedy = SubmissionReasonText.remedy(reason)
        if reason == .connectionfailed, let detail = failure.detail.map(SearchText.init),
           ["no such host", "name or service not known", "nxdomain", "could not resolve"].contains(where: detail.contains) {
            remedy = "Check the SMTP server name for typos: \(failure.serverHost) does not resolve. " + remedy
        }
        return SubmissionDiagnosis(reason: reason, cause: cause, remedy: remedy, transient: SubmissionReasonText.transient(reason))
    }

    static func isTLSMismatch(_ detail: String?) -> Bool {
        guard let detail else { return false }
        let text = SearchText(detail)
        return ["wrong version number", "first record does not look like a tls handshake", "unexpected eof", "ssl routines",
                "packet length too long", "unexpected tls packet", "handshake"].contains(where: text.contains)
    }

    static func isCertificateProblem(_ detail: String?) -> Bool {
        guard let detail else { return false }
        let text = SearchText(detail)
        return ["certificate", "hostname mismatch", "self signed", "self-signed", "unknown ca", "x509"].contains(where: text.contains)
    }

    static func tlsMismatchMeaning(_ failure: SubmissionFailure) -> String {
        "the TLS handshake with \(failure.serverHost) failed, which usually means the port and the TLS mode do not match"
    }

    // MARK: - Wording

    static func stageName(_ stage: SubmissionFailure.Stage) -> String {
        switch stage {
        case .connect: return "connect"
        case .tls: return "TLS"
        case .greeting: return "greeting"
        case .ehlo: return "EHLO"
        case .starttls: return "STARTTLS"
        case .auth: return "sign-in (AUTH)"
        case .mail: return "sender (MAIL FROM)"
        case .rcpt: return "recipient (RCPT TO)"
        case .data: return "message (DATA)"
        }
    }

    static func cause(_ failure: SubmissionFailure, meaning: String, words: String) -> String {
        var cause = "Sending through \(failure.serverHost) failed at the \(stageName(failure.stage)) step: \(meaning)."
        if !words.isEmpty { cause += " The server said: “\(quote(words))”." }
        return cause
    }

    /// The reply as one line: code, enhanced status and text, without repeating the code.
    static func serverWords(_ failure: SubmissionFailure) -> String {
        var lines: [String] = []
        for line in (failure.replyText ?? "").split(whereSeparator: \.isNewline) {
            var line = Substring(line)
            // Continuation lines of a multi-line reply repeat the code ("535-5.7.8 …").
            if let code = failure.replyCode, line.hasPrefix("\(code)-") || line.hasPrefix("\(code) ") {
                line = line.dropFirst(4)
                if let status = failure.enhancedStatus, line.hasPrefix(status + " ") { line = line.dropFirst(status.count + 1) }
            }
            let trimmed = line.trimmingWhitespace()
            if !trimmed.isEmpty { lines.append(trimmed) }
        }
        let text = lines.joined(separator: " ")
        var prefix: [String] = []
        if let code = failure.replyCode { prefix.append(String(code)) }
        if let status = failure.enhancedStatus?.trimmingWhitespace(), !status.isEmpty, !text.hasPrefix(status) {
            prefix.append(status)
        }
        return (prefix + (text.isEmpty ? [] : [text])).joined(separator: " ")
    }

    static func quote(_ text: String) -> String {
        guard text.count > quoteLimit else { return text }
        let cut = text.prefix(quoteLimit)
        return String(cut[..<(cut.lastIndex(of: " ") ?? cut.endIndex)]) + " …"
    }
}
