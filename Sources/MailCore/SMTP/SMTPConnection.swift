import CEtPan
import Foundation

/// One SMTP submission connection through libetpan's client (RFC 5321, RFC 6409): connect with TLS
/// (implicit, RFC 8314, or STARTTLS, RFC 3207) and let the caller verify the certificate chain before
/// any credential is sent, authenticate (RFC 4954: PLAIN, LOGIN, XOAUTH2), then send messages with
/// DSN parameters where the server offers them (RFC 3461). Not thread-safe (neither is libetpan): use
/// it from one thread. Every failure is an `SMTPError` naming the endpoint and what to do.
public final class SMTPConnection {
    public enum Security: String, Sendable, CaseIterable {
        /// TLS from the first byte (submissions, port 465).
        case ssl
        /// Plain connection upgraded with STARTTLS before anything else (submission, port 587); refused
        /// if the server cannot.
        case startTLS = "starttls"
        /// No TLS at all.
        case none
    }

    public typealias Endpoint = MailEndpoint<Security>

    public typealias Credential = MailCredential

    /// Checks the server's certificate chain (DER, leaf first) for the endpoint's host; throws to
    /// refuse it. Called once TLS is up and before anything else is sent over it.
    public typealias ChainVerifier = IMAPConnection.ChainVerifier

    public let endpoint: Endpoint
    /// Seconds any one network operation may take.
    public let timeout: Int
    /// The name sent with EHLO.
    public let clientName: String
    /// What the server announced in its last EHLO reply.
    public private(set) var capabilities = SMTPCapabilities()
    let session: UnsafeMutablePointer<mailsmtp>

    public init(endpoint: Endpoint, timeout: Int, clientName: String = "localhost") {
        self.endpoint = endpoint
        self.timeout = max(1, timeout)
        let name = clientName.filter { !$0.isWhitespace && !$0.isNewline }
        self.clientName = name.isEmpty ? "localhost" : name
        session = mailsmtp_new(0, nil)
        mailsmtp_set_timeout(session, time_t(self.timeout))
    }

    deinit {
        mailsmtp_free(session)
    }

    var endpointText: String { "\(endpoint)" }

    // MARK: Connecting

    /// Connects, reads the greeting and sends EHLO. For `.startTLS`, STARTTLS is required (an error if
    /// the server does not offer it), then the chain is verified and EHLO sent again; for `.ssl` the chain
    /// is verified right after the handshake. `verifyChain` nil skips verification (only for `.none` or an
    /// explicit insecure choice).
    public func connect(verifyChain: ChainVerifier?) throws(SMTPError) {
        let started = Date()
        guard let host = strdup(endpoint.host) else {
            throw .connectFailed(endpoint: endpointText, detail: "out of memory")
        }
        defer { free(host) }
        let sni: UnsafeMutableRawPointer? = HostName.isIPLiteral(endpoint.host) ? nil : UnsafeMutableRawPointer(host)
        // The socket and stream are opened here, with the timeout, rather than by mailsmtp_socket_connect
        // and mailsmtp_ssl_connect_with_callback, which wait 300 s for a silent server (see shim.h).
        let seconds = time_t(timeout)
        let socket = mail_tcp_connect_timeout(host, endpoint.port, seconds)
        guard socket >= 0 else {
            throw connectError(Int32(MAILSMTP_ERROR_CONNECTION_REFUSED), started: started)
        }
        let stream = endpoint.security == .ssl
            ? mailstream_ssl_open_with_callback_timeout(socket, seconds, ServerTLS.setServerName, sni)
            : mailstream_socket_open_timeout(socket, seconds)
        guard let stream else {
            close(socket)
            throw connectError(Int32(endpoint.security == .ssl ? MAILSMTP_ERROR_SSL : MAILSMTP_ERROR_STREAM), started: started)
        }
        let code = mailsmtp_connect(session, stream)
        guard code == Int32(MAILSMTP_NO_ERROR) else {
            throw connectError(code, started: started)
        }
        if endpoint.security == .ssl {
            try verify(verifyChain)
        }
        try ehlo()
        if endpoint.security == .startTLS {
            guard capabilities.startTLS else {
                mailsmtp_quit(session)
                throw .startTLSUnavailable(endpoint: endpointText, detail: "the server does not offer STARTTLS")
            }
            let started = Date()
            let code = mailsmtp_socket_starttls_with_callback(session, ServerTLS.setServerName, sni)
            guard code == Int32(MAILSMTP_NO_ERROR) else {
                if code == Int32(MAILSMTP_ERROR_STREAM) || code == Int32(MAILSMTP_ERROR_SSL) {
                    throw streamError(code, stage: .starttls, started: started)
                }
                throw .startTLSUnavailable(endpoint: endpointText,
                                           detail: "STARTTLS refused: \(lastReply.map { "\($0)" } ?? "libetpan error \(code)")")
            }
            // The TLS stream libetpan put in place keeps the session's timeout too.
            if let low = mailstream_get_low(session.pointee.stream) {
                mailstream_low_set_timeout(low, time_t(timeout))
            }
            try verify(verifyChain)
            try ehlo()
        }
    }

    private func verify(_ verifyChain: ChainVerifier?) throws(SMTPError) {
        guard let verifyChain else { return }
        do { try verifyChain(ServerTLS.certificateChain(session.pointee.stream), endpoint.host) } catch {
            mailsmtp_quit(session)
            throw .certificateRejected(endpoint: endpointText, reason: "\(error)")
        }
    }

    /// EHLO with `clientName`, sent by hand (libetpan's `mailesmtp_ehlo` uses the machine's host name);
    /// the reply's extensions become `capabilities` and libetpan's flags, which its MAIL and RCPT read.
    func ehlo() throws(SMTPError) {
        let reply = try command("EHLO \(clientName)", stage: .ehlo)
        guard reply.code == 250 else {
            throw .commandFailed(endpoint: endpointText, stage: .ehlo, reply: reply)
        }
        capabilities = SMTPCapabilities(ehloText: reply.text)
        session.pointee.esmtp = capabilities.libetpanFlags
    }

    /// Sends QUIT and closes the connection; any failure is ignored.
    public func quit() {
        guard session.pointee.stream != nil else { return }
        mailsmtp_quit(session)
    }

    // MARK: Commands and replies

    /// Sends one command line (CRLF added) and reads the whole reply. `secret` keeps the line out of
    /// libetpan's logger (AUTH data).
    func command(_ line: String, stage: SMTPStage, secret: Bool = false) throws(SMTPError) -> SMTPReply {
        let started = Date()
        guard !line.contains("\r"), !line.contains("\n") else {
            throw .invalidEnvelope(endpoint: endpointText, detail: "a command may not contain a line break")
        }
        guard session.pointee.stream != nil else { throw .connectionLost(endpoint: endpointText, stage: stage) }
        guard let text = strdup(line + "\r\n") else { throw .commandFailed(endpoint: endpointText, stage: stage, reply: nil) }
        defer {
            // The line may hold a password or token: clear it before freeing.
            memset(text, 0, strlen(text))
            free(text)
        }
        let sent = secret ? mailsmtp_send_command_private(session, text) : mailsmtp_send_command(session, text)
        guard sent == Int32(MAILSMTP_NO_ERROR) else {
            throw streamError(Int32(MAILSMTP_ERROR_STREAM), stage: stage, started: started)
        }
        return try readReply(stage: stage, started: started)
    }

    func readReply(stage: SMTPStage, started: Date) throws(SMTPError) -> SMTPReply {
        let code = mailsmtp_read_response(session)
        guard code > 0, let reply = lastReply else {
            throw streamError(Int32(MAILSMTP_ERROR_STREAM), stage: stage, started: started)
        }
        return reply
    }

    /// The last reply libetpan read: `response_code`, and `response`, which holds each line's text
    /// (after `250-` / `250 `) followed by "\n".
    var lastReply: SMTPReply? {
        let code = Int(session.pointee.response_code)
        guard code > 0 else { return nil }
        let text = session.pointee.response.map { String(cString: $0) } ?? ""
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            String($0.unicodeScalars.filter { $0 != "\r" })
        }
        while lines.last == "" { lines.removeLast() }
        return SMTPReply(code: code, lines: lines)
    }

    // MARK: Errors

    /// A broken stream: a timeout when it took the whole timeout, else a lost connection.
    func streamError(_ code: Int32, stage: SMTPStage, started: Date) -> SMTPError {
        if Date().timeIntervalSince(started) >= Double(timeout) - 0.5 {
            return .timedOut(endpoint: endpointText, stage: stage, seconds: timeout)
        }
        if code == Int32(MAILSMTP_ERROR_SSL) {
            return .tlsFailed(endpoint: endpointText, detail: "during \(stage.operation)")
        }
        return .connectionLost(endpoint: endpointText, stage: stage)
    }

    private func connectError(_ code: Int32, started: Date) -> SMTPError {
        let elapsed = Date().timeIntervalSince(started)
        let timedOut = elapsed >= Double(timeout) - 0.5
        switch code {
        case Int32(MAILSMTP_ERROR_CONNECTION_REFUSED):
            if timedOut { return .timedOut(endpoint: endpointText, stage: .connect, seconds: timeout) }
            return .connectFailed(endpoint: endpointText,
                                  detail: "connection refused, host unknown or unreachable (is the server running?)")
        case Int32(MAILSMTP_ERROR_SSL):
            if timedOut { return .timedOut(endpoint: endpointText, stage: .tls, seconds: timeout) }
            return .tlsFailed(endpoint: endpointText,
                              detail: "no TLS handshake; does the server speak TLS on this port? (port 587 "
                                + "usually wants STARTTLS, 465 implicit TLS)")
        case Int32(MAILSMTP_ERROR_SERVICE_NOT_AVAILABLE), Int32(MAILSMTP_ERROR_UNEXPECTED_CODE):
            if let reply = lastReply {
                return .greetingRejected(endpoint: endpointText, reply: reply)
            }
            return streamError(code, stage: .greeting, started: started)
        default:
            return streamError(code, stage: .greeting, started: started)
        }
    }
}
