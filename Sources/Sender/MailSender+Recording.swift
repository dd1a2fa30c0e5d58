import BounceKit
import EventStore
import Foundation
import MailCore

/// Recording what the server answered to each recipient's copy: the recipients' rows, the
/// message's state and reply, and a submission_error event for each copy that was not accepted.
extension MailSender {
    func finish(_ record: inout OutgoingRecord, copies: [Copy],
                        results: [Result<SMTPDelivery, SubmitError>]) throws -> SendOutcome {
        let id = record.id ?? 0
        record.submittedAt = Date()
        var rows: [OutgoingRecipient] = []
        var failures: [(copy: Copy, failure: SubmissionFailure)] = []
        var replies: [String] = []
        var firstError: String?
        let host = profile.server.host
        for (copy, result) in zip(copies, results) {
            var row = OutgoingRecipient(outgoingID: id, address: copy.recipient)
            switch result {
            case .success(let delivery):
                if let refused = delivery.rejected.first {
                    row.state = .rejected
                    row.smtpReply = refused.reply.description
                    failures.append((copy, SubmissionFailures.failure(stage: .rcpt, reply: refused.reply, host: host,
                                                                      recipient: copy.recipient)))
                } else {
                    row.state = .accepted
                    row.smtpReply = delivery.reply.description
                    replies.append(delivery.reply.description)
                }
            case .failure(.smtp(let error)):
                let failure = SubmissionFailures.perRecipient(error, host: host)[copy.recipient.lowercased()]
                    ?? SubmissionFailures.failure(error, host: host, authOnlyOverTLS: authOnlyOverTLS)
                row.state = .rejected
                row.smtpReply = failure.replyCode.map { "\($0) \(failure.replyText ?? "")" } ?? error.description
                failures.append((copy, failure))
                if firstError == nil { firstError = error.description }
            case .failure(.secret(let error, let source)):
                row.state = .rejected
                row.smtpReply = "not sent: \(error.description)"
                failures.append((copy, SubmissionFailures.failure(error, source: source, user: profile.loginUser, host: host)))
                if firstError == nil { firstError = row.smtpReply }
            case .failure(.token(let error)):
                row.state = .rejected
                row.smtpReply = "not sent: \(error.description)"
                failures.append((copy, SubmissionFailures.failure(error, host: host)))
                if firstError == nil { firstError = row.smtpReply }
            }
            rows.append(row)
        }
        let acceptedCount = rows.filter { $0.state == .accepted }.count
        record.state = acceptedCount == rows.count ? .sent : acceptedCount == 0 ? .failed : .partial
        // The server's reply to the last copy it took (each copy's own is on its recipient's row);
        // when it took none, the first copy's failure.
        record.smtpReply = replies.last ?? firstError
        let events = failures.map { event(for: $0.failure, copy: $0.copy, record: record) }
        try store.finishOutgoing(record, recipients: rows, events: events)
        return SendOutcome(
            outgoingID: id, tag: record.tag ?? "", messageID: record.messageID ?? "", state: record.state.rawValue,
            accepted: rows.filter { $0.state == .accepted }.map(\.address),
            failed: zip(failures, events).map { ($0.copy.recipient, $1.reason, $1.cause) },
            reply: record.smtpReply ?? "", copies: copies.map { ($0.recipient, $0.messageID) })
    }

    func event(for failure: SubmissionFailure, copy: Copy, record: OutgoingRecord) -> Event {
        var failure = failure
        // A refusal that follows no AUTH at all is told apart from one about the recipient.
        failure.signedIn = login != nil
        let diagnosis = SubmissionDiagnoser.diagnose(failure)
        let permanent = (diagnosis.replyCode ?? 0) >= 500
        return Event(
            kind: "submission_error", recipient: copy.recipient, reason: diagnosis.reason.rawValue,
            hard: failure.stage == .rcpt && permanent && (diagnosis.status ?? "").hasPrefix("5.1."),
            senderSide: failure.stage != .rcpt, status: diagnosis.status, replyCode: diagnosis.replyCode,
            diagnostic: failure.replyText ?? failure.detail, remoteMTA: profile.server.host, envelopeID: copy.tag,
            detector: "submission", cause: diagnosis.cause, remedy: diagnosis.remedy,
            originalMessageID: copy.messageID, originalSubject: record.subject, originalFrom: record.fromAddress,
            occurredAt: record.submittedAt ?? Date(), outgoingID: record.id, matchMethod: "submission", verified: true,
            companyID: record.companyID)
    }
}
