import CEtPan
import Foundation

/// One IMAP connection through libetpan's client: connect with TLS (implicit or STARTTLS) and let the
/// caller verify the certificate chain before anything is sent, log in with a password or XOAUTH2,
/// then work on one selected folder by UID. Not thread-safe (neither is libetpan): use it from one
/// thread. Every failure is an `IMAPError` naming the endpoint and what to do.
public final class IMAPConnection {
    public enum Security: String, Sendable, CaseIterable {
        /// TLS from the first byte (imaps, port 993).
        case tls
        /// Plain connection upgraded with STARTTLS before login (imap, port 143); refused if the
        /// server cannot.
        case startTLS = "starttls"
        /// No TLS at all.
        case none
    }

    public typealias Endpoint = MailEndpoint<Security>

    public typealias Credential = MailCredential

    /// Checks the server's certificate chain (DER, leaf first) for the endpoint's host; throws to
    /// refuse it. Called once TLS is up and before any credential is sent.
    public typealias ChainVerifier = (_ chain: [[UInt8]], _ host: String) throws -> Void

    public let endpoint: Endpoint
    /// Seconds any one network operation may take.
    public let timeout: Int
    let session: UnsafeMutablePointer<mailimap>

    public init(endpoint: Endpoint, timeout: Int) {
        self.endpoint = endpoint
        self.timeout = max(1, timeout)
        session = mailimap_new(0, nil)
        mailimap_set_timeout(session, time_t(self.timeout))
    }

    deinit {
        mailimap_free(session)
    }

    // MARK: Connecting

    /// Connects, brings TLS up as the endpoint asks, and verifies the chain (unless `verifyChain` is
    /// nil, which only `--tls none` or an explicit `--insecure` should give).
    public func connect(verifyChain: ChainVerifier?) throws(IMAPError) {
        let started = Date()
        let host = strdup(endpoint.host)!
        defer { free(host) }
        let sni: UnsafeMutableRawPointer? = HostName.isIPLiteral(endpoint.host) ? nil : UnsafeMutableRawPointer(host)
        let code: Int32
        switch endpoint.security {
        case .tls:
            code = mailimap_ssl_connect_with_callback(session, endpoint.host, endpoint.port, ServerTLS.setServerName, sni)
        case .startTLS, .none:
            code = mailimap_socket_connect(session, endpoint.host, endpoint.port)
        }
        guard code == MAILIMAP_NO_ERROR_NON_AUTHENTICATED || code == MAILIMAP_NO_ERROR_AUTHENTICATED
                || code == MAILIMAP_NO_ERROR else {
            throw connectError(code, started: started)
        }
        if endpoint.security == .startTLS {
            try refreshCapabilities("CAPABILITY")
            guard mailimap_has_extension(session, "STARTTLS") != 0 else {
                throw .startTLSUnavailable(endpoint: "\(endpoint)", detail: "the server does not offer STARTTLS")
            }
            let started = Date()
            let code = mailimap_socket_starttls_with_callback(session, ServerTLS.setServerName, sni)
            guard code == MAILIMAP_NO_ERROR else {
                if code == MAILIMAP_ERROR_STREAM || code == MAILIMAP_ERROR_SSL {
                    throw streamError(code, operation: "STARTTLS", started: started)
                }
                throw .startTLSUnavailable(endpoint: "\(endpoint)", detail: "STARTTLS refused: \(serverText)")
            }
        }
        if endpoint.security != .none, let verifyChain {
            do { try verifyChain(ServerTLS.certificateChain(session.pointee.imap_stream), endpoint.host) } catch {
                mailimap_logout(session)
                throw .certificateRejected(endpoint: "\(endpoint)", reason: "\(error)")
            }
        }
        if endpoint.security == .startTLS || session.pointee.imap_connection_info?.pointee.imap_capability == nil {
            try refreshCapabilities("CAPABILITY")
        }
    }

    func refreshCapabilities(_ operation: String) throws(IMAPError) {
        var capabilities: UnsafeMutablePointer<mailimap_capability_data>?
        let started = Date()
        let code = mailimap_capability(session, &capabilities)
        if let capabilities { mailimap_capability_data_free(capabilities) }
        try check(code, operation, started: started)
    }

    // MARK: Logging in

    public func login(_ credential: Credential) throws(IMAPError) {
        switch credential {
        case .password(let user, let password):
            let started = Date()
            let code = mailimap_login(session, user, password)
            if code == MAILIMAP_ERROR_LOGIN {
                throw .loginRejected(user: user, serverText: serverText)
            }
            try check(code, "LOGIN", started: started)
        case .oauth2(let user, let token):
            try authenticateXOAUTH2(user: user, token: token)
        }
    }

    public func logout() {
        mailimap_logout(session)
    }

    // MARK: Errors

    /// The text of the server's last tagged reply (after NO or BAD), e.g. `[AUTHENTICATIONFAILED] …`.
    var serverText: String {
        session.pointee.imap_response.map { String(cString: $0) } ?? ""
    }

    func check(_ code: Int32, _ operation: String, started: Date) throws(IMAPError) {
        guard code != MAILIMAP_NO_ERROR else { return }
        throw error(code, operation, started: started)
    }

    func error(_ code: Int32, _ operation: String, started: Date) -> IMAPError {
        switch Int(code) {
        case MAILIMAP_ERROR_STREAM, MAILIMAP_ERROR_SSL, MAILIMAP_ERROR_PARSE:
            return streamError(code, operation: operation, started: started)
        default:
            let text = serverText
            return .commandFailed(operation: operation, serverText: text.isEmpty ? "libetpan error \(code)" : text)
        }
    }

    /// A broken stream: a timeout when it took the whole timeout, else a lost connection.
    func streamError(_ code: Int32, operation: String, started: Date) -> IMAPError {
        if Date().timeIntervalSince(started) >= Double(timeout) - 0.5 {
            return .timedOut(endpoint: "\(endpoint)", operation: operation, seconds: timeout)
        }
        if code == MAILIMAP_ERROR_SSL {
            return .tlsFailed(endpoint: "\(endpoint)", detail: "during \(operation)")
        }
        return .connectionLost(endpoint: "\(endpoint)", operation: operation)
    }

    private func connectError(_ code: Int32, started: Date) -> IMAPError {
        let elapsed = Date().timeIntervalSince(started)
        switch Int(code) {
        case MAILIMAP_ERROR_CONNECTION_REFUSED:
            if elapsed >= Double(timeout) - 0.5 {
                return .timedOut(endpoint: "\(endpoint)", operation: "connecting", seconds: timeout)
            }
            return .connectFailed(endpoint: "\(endpoint)",
                                  detail: "connection refused, host unknown or unreachable (is the server running?)")
        case MAILIMAP_ERROR_SSL:
            if elapsed >= Double(timeout) - 0.5 {
                return .timedOut(endpoint: "\(endpoint)", operation: "TLS handshake", seconds: timeout)
            }
            return .tlsFailed(endpoint: "\(endpoint)",
                              detail: "no TLS handshake; does the server speak TLS on this port? (imap:// uses STARTTLS)")
        case MAILIMAP_ERROR_DONT_ACCEPT_CONNECTION:
            return .connectFailed(endpoint: "\(endpoint)", detail: "the server refused the session: \(serverText)")
        default:
            return streamError(code, operation: "waiting for the greeting", started: started)
        }
    }
}
