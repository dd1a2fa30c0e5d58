import CEtPan
import Foundation

extension SMTPConnection {
    /// Sends one message: MAIL FROM, RCPT TO for each recipient, DATA (RFC 5321 §3.3). With `envelope.dsn`
    /// and a server that announces DSN, MAIL carries ENVID and RET, and each RCPT NOTIFY and ORCPT
    /// (RFC 3461 §4). `message` is the whole message (CRLF or LF line ends; libetpan makes them CRLF,
    /// dot-stuffs lines that start with "." and sends the final "."). Throws when MAIL is refused, when
    /// every recipient is refused (no DATA then), or when DATA is refused; otherwise returns, and some
    /// recipients may have been refused.
    public func send(_ envelope: SMTPEnvelope, message: [UInt8]) throws(SMTPError) -> SMTPDelivery {
        try validate(envelope)
        let dsn = capabilities.dsn ? envelope.dsn : nil
        try mail(from: envelope.mailFrom, dsn: dsn, size: message.count)

        var accepted: [String] = []
        var rejected: [SMTPRecipientRejection] = []
        for recipient in envelope.recipients {
            let reply = try rcpt(to: recipient, dsn: dsn)
            if reply.code == 250 || reply.code == 251 {
                accepted.append(recipient)
            } else {
                rejected.append(SMTPRecipientRejection(recipient: recipient, reply: reply))
            }
        }
        guard !accepted.isEmpty else {
            abandonTransaction()
            throw .recipientsRejected(endpoint: endpointText, rejected)
        }

        var started = Date()
        _ = mailsmtp_data(session)
        let go = try readLibEtPanReply(stage: .data, started: started)
        guard go.code == 354 else {
            abandonTransaction()
            throw .dataRejected(endpoint: endpointText, reply: go)
        }
        started = Date()
        _ = message.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { text in
                mailsmtp_data_message(session, text.baseAddress, text.count)
            }
        }
        let final = try readLibEtPanReply(stage: .data, started: started)
        guard final.code == 250 else {
            throw .dataRejected(endpoint: endpointText, reply: final)
        }
        return SMTPDelivery(accepted: accepted, rejected: rejected, reply: final, usedDSN: dsn != nil)
    }

    /// RSET: ends the current transaction, so that the next message starts clean on this connection.
    public func reset() throws(SMTPError) {
        let started = Date()
        _ = mailsmtp_reset(session)
        let reply = try readLibEtPanReply(stage: .reset, started: started)
        guard reply.code == 250 else {
            throw .commandFailed(endpoint: endpointText, stage: .reset, reply: reply)
        }
    }

    // MARK: Steps

    /// MAIL FROM through libetpan: `mailesmtp_mail_size` adds RET and ENVID only while its DSN flag is
    /// set, and SIZE while its SIZE flag is, so the flags are set for this one command.
    private func mail(from address: String, dsn: DSNRequest?, size: Int) throws(SMTPError) {
        let started = Date()
        let flags = session.pointee.esmtp
        defer { session.pointee.esmtp = flags }
        if dsn == nil { session.pointee.esmtp &= ~Int32(MAILSMTP_ESMTP_DSN) }
        if let dsn {
            _ = mailesmtp_mail_size(session, address, dsn.returnHeadersOnly ? 0 : 1, XText.encode(dsn.envelopeID), size)
        } else {
            _ = mailesmtp_mail_size(session, address, 0, nil, size)
        }
        let reply = try readLibEtPanReply(stage: .mail, started: started)
        guard reply.code == 250 else {
            if Self.isAboutTheSender(reply) {
                throw .senderRejected(endpoint: endpointText, address: address, reply: reply)
            }
            throw .commandFailed(endpoint: endpointText, stage: .mail, reply: reply)
        }
    }

    /// A MAIL refusal about the address itself (550, 551, 553, 555, or an X.1.x / 5.7.1 status), as
    /// opposed to one about the session (530 STARTTLS or AUTH first, 552 too big, 421 going away).
    static func isAboutTheSender(_ reply: SMTPReply) -> Bool {
        if let status = reply.enhancedStatus {
            return status.dropFirst().hasPrefix(".1.") || status == "5.7.1"
        }
        return [550, 551, 553, 555].contains(reply.code)
    }

    /// RCPT TO through libetpan: `mailesmtp_rcpt` adds NOTIFY and ORCPT only when its DSN flag is set.
    private func rcpt(to recipient: String, dsn: DSNRequest?) throws(SMTPError) -> SMTPReply {
        let started = Date()
        if let dsn {
            var notify: Int32 = 0
            if dsn.notifySuccess { notify |= MAILSMTP_DSN_NOTIFY_SUCCESS }
            if dsn.notifyFailure { notify |= MAILSMTP_DSN_NOTIFY_FAILURE }
            if dsn.notifyDelay { notify |= MAILSMTP_DSN_NOTIFY_DELAY }
            if notify == 0 { notify = MAILSMTP_DSN_NOTIFY_NEVER }
            _ = mailesmtp_rcpt(session, recipient, notify, "rfc822;" + XText.encode(recipient))
        } else {
            _ = mailsmtp_rcpt(session, recipient)
        }
        return try readLibEtPanReply(stage: .rcpt, started: started)
    }

    /// The reply to the command libetpan just ran; its own return value folds codes together, so the
    /// code is read from the session. A stream error leaves `response_code` at 0.
    private func readLibEtPanReply(stage: SMTPStage, started: Date) throws(SMTPError) -> SMTPReply {
        guard let reply = lastReply else {
            throw streamError(Int32(MAILSMTP_ERROR_STREAM), stage: stage, started: started)
        }
        return reply
    }

    /// RSET after a transaction that cannot go on; its failure is not the error to report.
    private func abandonTransaction() {
        guard session.pointee.stream != nil else { return }
        _ = mailsmtp_reset(session)
    }

    private func validate(_ envelope: SMTPEnvelope) throws(SMTPError) {
        guard !envelope.recipients.isEmpty else {
            throw .invalidEnvelope(endpoint: endpointText, detail: "the envelope has no recipients")
        }
        for address in [envelope.mailFrom] + envelope.recipients {
            if address.unicodeScalars.contains(where: { $0.value <= 32 || $0.value == 127 || $0 == "<" || $0 == ">" }) {
                throw .invalidEnvelope(endpoint: endpointText,
                                       detail: "the address \"\(address)\" contains a space, control character or angle bracket")
            }
        }
        if envelope.recipients.contains("") {
            throw .invalidEnvelope(endpoint: endpointText, detail: "an empty recipient address")
        }
        if let id = envelope.dsn?.envelopeID, id.isEmpty || id.utf8.count > 100 {
            throw .invalidEnvelope(endpoint: endpointText, detail: "a DSN envelope ID must be 1 to 100 characters")
        }
    }
}
