import BounceKit
import EventStore
import Foundation
import MailCore
import MessageTag

/// Sends one user's messages over one SMTP connection with their effective profile: each message is
/// recorded before submission with a signed tag (in the envelope sender in reply-to mode, in the
/// `X-MailEvents-Tag` header and in the Message-ID), submitted with libetpan's SMTP client (TLS
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
    let options: Options
    let credential: SMTPConnection.Credential?
    private var connection: SMTPConnection?
    /// A connect or login failure, repeated for every later message of the run.
    private var stickyFailure: SMTPError?
    /// The server offered STARTTLS but no AUTH on the unencrypted connection the settings asked for.
    private var authOnlyOverTLS = false

    /// Reads the login's secret now, so a missing one fails before anything is recorded.
    public init(store: EventStore, profile: EffectiveProfile, signer: TagSigner, eventAddress: EventAddress?,
                options: Options, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        self.store = store
        self.profile = profile
        self.signer = signer
        self.eventAddress = eventAddress
        self.options = options
        let settings = profile.settings
        if settings.senderMode == .replyTo && eventAddress == nil {
            throw ProfileError.unusable(user: settings.userCode, problems: [
                "reply-to mode needs the event mailbox's address: `events config set company-name NAME` "
                    + "(and event-domain if it is not \(EventAddress.defaultDomain))",
            ])
        }
        if settings.username.isEmpty {
            credential = nil
        } else {
            guard let source = settings.secret else {
                throw ProfileError.unusable(user: settings.userCode, problems: ["no secret source for \(settings.username)"])
            }
            switch settings.auth {
            case .password:
                credential = .password(user: settings.username, password: try source.read("password", environment: environment))
            case .oauth2:
                credential = .oauth2(user: settings.username, accessToken: try source.read("OAuth2 token", environment: environment))
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
            fromAddress: from.address, replyTo: replyTo?.address, subject: request.subject, createdAt: now)
        let recipients = request.recipients
        var record = try store.recordOutgoing(draft, recipients: recipients) { record in
            guard let id = record.id else { return }
            let tag = try signer.tag(outgoingID: id)
            record.tag = tag.text
            record.messageID = "\(tag.text)@\(domain)"
            if settings.senderMode == .replyTo, let eventAddress {
                record.envelopeFrom = eventAddress.envelopeSender(tag: tag.text)
            }
        }
        let tag = record.tag ?? ""
        let message = OutgoingMessage(
            from: from, replyTo: replyTo, to: request.to.map { MailboxAddress($0) }, cc: request.cc.map { MailboxAddress($0) },
            subject: request.subject, textBody: request.body,
            attachments: request.attachments.map {
                .init(filename: $0.filename, contentType: MessageComposer.contentType(forFileName: $0.filename), data: $0.data)
            },
            messageID: record.messageID ?? "", date: now, extraHeaders: [(name: OutgoingTag.headerName, value: tag)])
        let bytes: [UInt8]
        do { bytes = try MessageComposer.compose(message) } catch {
            // The message itself is unfit (a line break in the subject, a bad address): nothing is
            // submitted, the record says why, and the rest of a batch goes on.
            record.state = .failed
            record.smtpReply = "not sent: \(error)"
            try store.finishOutgoing(record, recipients: recipients.map {
                OutgoingRecipient(outgoingID: record.id ?? 0, address: $0, state: .rejected, smtpReply: "not sent")
            }, events: [])
            return SendOutcome(outgoingID: record.id ?? 0, tag: tag, messageID: record.messageID ?? "", state: "failed",
                               accepted: [], failed: recipients.map { ($0, "notsent", error.description) },
                               reply: record.smtpReply ?? "")
        }
        record.size = bytes.count
        let envelope = SMTPEnvelope(mailFrom: record.envelopeFrom, recipients: recipients, dsn: DSNRequest(envelopeID: tag))
        let result = submit(envelope, bytes)
        return try finish(&record, recipients: recipients, result: result)
    }

    /// Submits over the open connection, connecting (once per run) and logging in first.
    private func submit(_ envelope: SMTPEnvelope, _ bytes: [UInt8]) -> Result<SMTPDelivery, SMTPError> {
        if let stickyFailure { return .failure(stickyFailure) }
        do throws(SMTPError) {
            let connection = try openConnection()
            let delivery = try connection.send(envelope, message: bytes)
            return .success(delivery)
        } catch {
            switch error.stage {
            case .connect, .tls, .greeting, .ehlo, .starttls, .auth:
                stickyFailure = error
                self.connection = nil
            case .mail, .rcpt, .data, .reset:
                if error.isConnectionFailure {
                    self.connection = nil
                } else {
                    // RSET before the next message; a connection that cannot is dropped and remade.
                    do { try self.connection?.reset() } catch { self.connection = nil }
                }
            }
            return .failure(error)
        }
    }

    private func openConnection() throws(SMTPError) -> SMTPConnection {
        if let connection { return connection }
        let server = profile.server
        let security = server.tls
        let endpoint = SMTPConnection.Endpoint(host: server.host, port: UInt16(clamping: server.port), security: security)
        let connection = SMTPConnection(endpoint: endpoint, timeout: options.timeout, clientName: options.clientName)
        try connection.connect(verifyChain: security == .none ? nil : options.verifyChain)
        authOnlyOverTLS = security == .none && connection.capabilities.startTLS && connection.capabilities.authMechanisms.isEmpty
        if let credential { try connection.authenticate(credential) }
        self.connection = connection
        return connection
    }

    // MARK: Recording the result

    private func finish(_ record: inout OutgoingRecord, recipients: [String],
                        result: Result<SMTPDelivery, SMTPError>) throws -> SendOutcome {
        let id = record.id ?? 0
        record.submittedAt = Date()
        var rows = recipients.map { OutgoingRecipient(outgoingID: id, address: $0) }
        var failures: [(recipient: String, failure: SubmissionFailure)] = []
        switch result {
        case .success(let delivery):
            let refused = Dictionary(delivery.rejected.map { ($0.recipient.lowercased(), $0.reply) }, uniquingKeysWith: { a, _ in a })
            for index in rows.indices {
                if let reply = refused[rows[index].address.lowercased()] {
                    rows[index].state = .rejected
                    rows[index].smtpReply = reply.description
                    failures.append((rows[index].address, SubmissionFailures.failure(stage: .rcpt, reply: reply,
                                                                                     host: profile.server.host, recipient: rows[index].address)))
                } else {
                    rows[index].state = .accepted
                    rows[index].smtpReply = delivery.reply.description
                }
            }
            record.state = refused.isEmpty ? .sent : .partial
            record.smtpReply = delivery.reply.description
        case .failure(let error):
            record.state = .failed
            record.smtpReply = error.description
            let host = profile.server.host
            let perRecipient = SubmissionFailures.perRecipient(error, host: host)
            let common = SubmissionFailures.failure(error, host: host, authOnlyOverTLS: authOnlyOverTLS)
            for index in rows.indices {
                let address = rows[index].address
                let failure = perRecipient[address.lowercased()] ?? common
                rows[index].state = .rejected
                rows[index].smtpReply = failure.replyCode.map { "\($0) \(failure.replyText ?? "")" } ?? error.description
                failures.append((address, failure))
            }
        }
        let events = failures.map { event(for: $0.failure, recipient: $0.recipient, record: record) }
        try store.finishOutgoing(record, recipients: rows, events: events)
        return SendOutcome(
            outgoingID: id, tag: record.tag ?? "", messageID: record.messageID ?? "", state: record.state.rawValue,
            accepted: rows.filter { $0.state == .accepted }.map(\.address),
            failed: zip(failures, events).map { ($0.recipient, $1.reason, $1.cause) },
            reply: record.smtpReply ?? "")
    }

    private func event(for failure: SubmissionFailure, recipient: String, record: OutgoingRecord) -> Event {
        let diagnosis = SubmissionDiagnoser.diagnose(failure)
        let permanent = (diagnosis.replyCode ?? 0) >= 500
        return Event(
            kind: "submission_error", recipient: recipient, reason: diagnosis.reason.rawValue,
            hard: failure.stage == .rcpt && permanent && (diagnosis.status ?? "").hasPrefix("5.1."),
            senderSide: failure.stage != .rcpt, status: diagnosis.status, replyCode: diagnosis.replyCode,
            diagnostic: failure.replyText ?? failure.detail, remoteMTA: profile.server.host, envelopeID: record.tag,
            detector: "submission", cause: diagnosis.cause, remedy: diagnosis.remedy,
            originalMessageID: record.messageID, originalSubject: record.subject, originalFrom: record.fromAddress,
            occurredAt: record.submittedAt ?? Date(), outgoingID: record.id, matchMethod: "submission", verified: true)
    }

    static func domain(of address: String) -> String {
        address.split(separator: "@").last.map(String.init) ?? "localhost"
    }
}
