import BounceKit
import EventStore
import Foundation
import MailCore
import MessageTag

/// Sends one user's messages over one SMTP connection with their effective profile: each message is
/// recorded before submission, then submitted as one copy per recipient, each in its own
/// transaction with a signed tag of its own (in the envelope sender in reply-to mode, in the
/// `X-MailEvents-Tag` header, in the Message-ID and as ENVID), with libetpan's SMTP client (TLS
/// verified before AUTH, DSN requested where offered), then updated with the server's replies.
/// Every failure to submit becomes a `submission_error` event per recipient, with cause and remedy.
///
/// A failed connection or login is not retried within a run: repeated AUTH failures lock accounts
/// (RFC 4954 §6; the reference's 535 rows), so the remaining messages fail with the same event.
public final class MailSender {
    public struct Options {
        public var timeout: Int
        public var clientName: String
        public var verifyChain: SMTPConnection.ChainVerifier?

        public init(timeout: Int = 60, clientName: String = "localhost", verifyChain: SMTPConnection.ChainVerifier?) {
            self.timeout = timeout
            self.clientName = clientName
            self.verifyChain = verifyChain
        }
    }

    public let store: EventStore
    public let profile: EffectiveProfile
    let signer: TagSigner
    let eventAddress: EventAddress?
    /// The company whose user sends (nil: a database with no company configured).
    let companyID: Int64?
    let options: Options
    let login: Login?
    let tokens: AccessTokens?
    /// Where `env:` secrets are looked up.
    let environment: [String: String]
    private var connection: SMTPConnection?
    /// A connect or login failure, repeated for every later message of the run.
    private var stickyFailure: SubmitError?
    /// The server offered STARTTLS but no AUTH on the unencrypted connection the settings asked for.
    private(set) var authOnlyOverTLS = false

    /// Reads no secret yet: a password or token is read from its source when connecting, as a
    /// signed-in account's token is taken from `tokens` then, so a secret that cannot be read (a
    /// missing file, an unset variable, a failing command) is the run's sticky failure, recorded
    /// as a submission_error per recipient like any other.
    public init(store: EventStore, profile: EffectiveProfile, signer: TagSigner, eventAddress: EventAddress?,
                companyID: Int64? = nil, options: Options, tokens: AccessTokens? = nil,
                environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        self.store = store
        self.profile = profile
        self.signer = signer
        self.eventAddress = eventAddress
        self.companyID = companyID
        self.options = options
        self.tokens = tokens
        let settings = profile.settings
        if settings.senderMode == .replyTo && eventAddress == nil {
            throw ProfileError.unusable(user: settings.userCode, problems: [
                "reply-to mode needs the company's event address: add the company with `events config company add NAME` "
                    + "(its event address is NAME@\(EventAddress.defaultDomain), or at the domain set by event-domain)",
            ])
        }
        self.environment = environment
        if settings.username.isEmpty {
            login = nil
        } else {
            guard let source = settings.secret else {
                throw ProfileError.unusable(user: settings.userCode,
                                            problems: [SMTPSettings.noSecret(settings.userCode, username: settings.username)])
            }
            switch (settings.auth, source) {
            case (.oauth2, .account(let account)):
                guard tokens != nil else {
                    throw ProfileError.unusable(user: settings.userCode, problems: ["no token store for oauth:\(account)"])
                }
                login = .account(user: settings.username, account: account)
            default:
                login = .secret(user: settings.username, source: source, auth: settings.auth)
            }
        }
    }

    deinit {
        connection?.quit()
    }

    /// Sends QUIT and closes the connection.
    public func finish() {
        connection?.quit()
        connection = nil
    }

    // MARK: Sending

    /// Sends one message as one copy per recipient, each in its own SMTP transaction with its own
    /// tag (envelope sender, Message-ID, `X-MailEvents-Tag`, ENVID), so a copy carries nothing
    /// that verifies a report about any other recipient. The visible To and Cc are the same in
    /// every copy.
    public func send(_ request: SendRequest) throws -> SendOutcome {
        let settings = profile.settings
        let own = MailboxAddress(settings.address, name: settings.displayName)
        let from: MailboxAddress, replyTo: MailboxAddress?
        switch settings.senderMode {
        case .replyTo:
            from = MailboxAddress(eventAddress?.description ?? settings.address, name: settings.displayName)
            replyTo = own
        case .own:
            from = own
            replyTo = nil
        }
        let domain = eventAddress?.domain ?? Self.domain(of: settings.address)
        let now = Date()
        let draft = OutgoingRecord(
            userCode: settings.userCode, profileUser: profile.profileUser, server: profile.server.description,
            authUser: settings.username, senderMode: settings.senderMode.rawValue, envelopeFrom: settings.address,
            fromAddress: from.address, replyTo: replyTo?.address, subject: request.subject, createdAt: now,
            companyID: companyID)
        var copies: [Copy] = []
        var record = try store.recordOutgoing(draft, recipients: request.recipients) { record, recipients in
            guard let id = record.id else { return }
            copies = try recipients.indices.map { index in
                let tag = try signer.tag(outgoingID: id, recipientIndex: index).text
                let envelopeFrom = settings.senderMode == .replyTo ? eventAddress?.envelopeSender(tag: tag) : nil
                return Copy(recipient: recipients[index], tag: tag, messageID: "\(tag)@\(domain)",
                            envelopeFrom: envelopeFrom ?? settings.address)
            }
            // The row keeps the first copy's tag, Message-ID and envelope sender; the tag's form
            // (`m{id}r0.…`) also records that this message's copies are tagged per recipient.
            guard let first = copies.first else { return }
            record.tag = first.tag
            record.messageID = first.messageID
            record.envelopeFrom = first.envelopeFrom
        }
        let attachments = request.attachments.map {
            OutgoingMessage.Attachment(filename: $0.filename, contentType: MessageComposer.contentType(forFileName: $0.filename),
                                       data: $0.data)
        }
        // Each copy is composed just before it is submitted, so one copy at a time is in memory.
        func compose(_ copy: Copy) throws(ComposeError) -> [UInt8] {
            try MessageComposer.compose(OutgoingMessage(
                from: from, replyTo: replyTo, to: request.to.map { MailboxAddress($0) }, cc: request.cc.map { MailboxAddress($0) },
                subject: request.subject, textBody: request.body, attachments: attachments,
                messageID: copy.messageID, date: now, extraHeaders: [(name: OutgoingTag.headerName, value: copy.tag)]))
        }
        var first: [UInt8]?
        do {
            first = try copies.first.map(compose)
        } catch {
            // The message itself is unfit (a line break in the subject, a bad address): nothing is
            // submitted, the record says why, and the rest of a batch goes on.
            record.state = .failed
            record.smtpReply = "not sent: \(error)"
            try store.finishOutgoing(record, recipients: copies.map {
                OutgoingRecipient(outgoingID: record.id ?? 0, address: $0.recipient, state: .rejected, smtpReply: "not sent")
            }, events: [])
            return SendOutcome(outgoingID: record.id ?? 0, tag: record.tag ?? "", messageID: record.messageID ?? "", state: "failed",
                               accepted: [], failed: copies.map { ($0.recipient, "notsent", error.description) },
                               reply: record.smtpReply ?? "", copies: [])
        }
        record.size = first?.count
        var results: [Result<SMTPDelivery, SubmitError>] = []
        for copy in copies {
            let bytes: [UInt8]
            if let composed = first {
                bytes = composed
                first = nil
            } else {
                do { bytes = try compose(copy) } catch {
                    // Copies differ only in their tag, so this does not happen once the first composed.
                    results.append(.failure(.smtp(.invalidEnvelope(endpoint: profile.server.description,
                                                                   detail: "the copy for \(copy.recipient) could not be composed: \(error)"))))
                    continue
                }
            }
            let envelope = SMTPEnvelope(mailFrom: copy.envelopeFrom, recipients: [copy.recipient], dsn: DSNRequest(envelopeID: copy.tag))
            results.append(submit(envelope, bytes))
        }
        return try finish(&record, copies: copies, results: results)
    }

    /// Submits over the open connection, connecting (once per run) and logging in first.
    private func submit(_ envelope: SMTPEnvelope, _ bytes: [UInt8]) -> Result<SMTPDelivery, SubmitError> {
        if let stickyFailure { return .failure(stickyFailure) }
        let connection: SMTPConnection
        do { connection = try openConnection() } catch {
            stickyFailure = error
            self.connection = nil
            return .failure(error)
        }
        do throws(SMTPError) {
            return .success(try connection.send(envelope, message: bytes))
        } catch {
            if error.isConnectionFailure {
                self.connection = nil
            } else {
                // RSET before the next message; a connection that cannot is dropped and remade.
                do { try connection.reset() } catch { self.connection = nil }
            }
            return .failure(.smtp(error))
        }
    }

    private func openConnection() throws(SubmitError) -> SMTPConnection {
        if let connection { return connection }
        let server = profile.server
        // The secret first: without it there is nothing to sign in with, and no reason to connect.
        let credential = try readCredential()
        let security = server.tls
        let endpoint = SMTPConnection.Endpoint(host: server.host, port: UInt16(clamping: server.port), security: security)
        let connection = SMTPConnection(endpoint: endpoint, timeout: options.timeout, clientName: options.clientName)
        do throws(SMTPError) { try connection.connect(verifyChain: security == .none ? nil : options.verifyChain) } catch {
            throw .smtp(error)
        }
        authOnlyOverTLS = security == .none && connection.capabilities.startTLS && connection.capabilities.authMechanisms.isEmpty
        switch login {
        case nil: break
        case .secret:
            guard let credential else { break }
            do throws(SMTPError) { try connection.authenticate(credential) } catch { throw .smtp(error) }
        case .account(let user, let account):
            try authenticate(connection, user: user, account: account)
        }
        self.connection = connection
        return connection
    }

    /// Signs in with a signed-in account's token. A token the server refuses although it was not
    /// just renewed (revoked, or cut short) is renewed once and tried again; a renewal that fails
    /// is the failure, so the event says what the user must do.
    private func authenticate(_ connection: SMTPConnection, user: String, account: String) throws(SubmitError) {
        guard let tokens else { return }
        var (token, refreshed) = try Self.token(tokens, account: account, force: false)
        do throws(SMTPError) {
            try connection.authenticate(.oauth2(user: user, accessToken: token))
            return
        } catch {
            guard case .authenticationRejected = error, !refreshed else { throw .smtp(error) }
            (token, refreshed) = try Self.token(tokens, account: account, force: true)
            do throws(SMTPError) { try connection.authenticate(.oauth2(user: user, accessToken: token)) } catch {
                throw .smtp(error)
            }
        }
    }

    private static func token(_ tokens: AccessTokens, account: String, force: Bool) throws(SubmitError) -> (String, Bool) {
        do throws(AccessTokenFailure) { return try tokens.token(account: account, force: force) } catch { throw .token(error) }
    }

    /// The password or token of a `.secret` login, read now; nil for the other logins.
    private func readCredential() throws(SubmitError) -> SMTPConnection.Credential? {
        guard case .secret(let user, let source, let auth)? = login else { return nil }
        do throws(SecretError) {
            switch auth {
            case .password: return .password(user: user, password: try source.read("password", environment: environment))
            case .oauth2: return .oauth2(user: user, accessToken: try source.read("OAuth2 token", environment: environment))
            }
        } catch {
            throw .secret(error, source: source)
        }
    }

    /// How the run signs in: a password or token read from its source when connecting, or a
    /// signed-in account's tokens.
    enum Login {
        case secret(user: String, source: SecretSource, auth: SMTPSettings.AuthKind)
        case account(user: String, account: String)
    }

    /// Why a copy was not submitted: the SMTP session's error, no access token to sign in with, or
    /// a password or token whose source could not be read.
    enum SubmitError: Error {
        case smtp(SMTPError)
        case token(AccessTokenFailure)
        case secret(SecretError, source: SecretSource)
    }

    /// One recipient's copy: its tag and the Message-ID and envelope sender that carry it.
    struct Copy {
        var recipient: String
        var tag: String
        var messageID: String
        var envelopeFrom: String
    }

    static func domain(of address: String) -> String {
        address.split(separator: "@").last.map(String.init) ?? "localhost"
    }
}
