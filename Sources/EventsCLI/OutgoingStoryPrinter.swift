import EventStore
import Foundation

/// `events show --outgoing ID`: one sent message's whole story in time order — recorded, submitted
/// (the server's reply to each recipient's copy), then every event matched back to it (delays,
/// bounces, delivery reports, complaints, automatic replies) with its time, reason and cause — so
/// support reads one page instead of joining `events list` with the database.
enum OutgoingStoryPrinter {
    /// Prints message `id`'s story; an id that names no sent message is an error (exit 1).
    static func show(_ id: Int64, store: StoreOptions, company: CompanyOptions, json: Bool) throws {
        try CommandFailure.reporting {
            let database = try store.openForReading()
            let selection = try company.selection(in: database)
            guard let history = try database.outgoingHistory(id: id),
                  selection == .any || selection == history.record.companyID.map(CompanySelection.company) else {
                throw CommandFailure("there is no sent message \(id) in '\(database.location)'; `events sent` lists the IDs there are.")
            }
            Output.standardOutput.write(json ? Self.json(history) : text(history, width: TerminalWidth.ofStandardOutput() ?? 100))
            Output.standardOutput.flush()
        }
    }

    /// The story as text, long values and causes wrapped at `width` as `events show` wraps them.
    static func text(_ history: OutgoingHistory, width: Int = 100) -> String {
        let record = history.record
        var lines = ["Outgoing message \(record.id ?? 0) from \(record.userCode): \(record.state.rawValue)"
            + (record.profileUser.lowercased() == record.userCode.lowercased() ? "" : " with \(record.profileUser)'s server")]
        func add(_ label: String, _ value: String?) {
            guard let value, !value.isEmpty else { return }
            lines += TextWrap.lines(value, width: width, prefix: "  \(label):" + String(repeating: " ", count: max(1, 16 - label.count)),
                                    indent: String(repeating: " ", count: 19))
        }
        add("Subject", record.subject)
        add("From", record.fromAddress + (record.replyTo.map { ", Reply-To \($0)" } ?? ""))
        add("Message-ID", record.messageID.map { "<\($0)>" + (history.recipients.count > 1 ? " (the first recipient's copy)" : "") })
        add("Server", record.server + (record.authUser.isEmpty ? ", no AUTH" : ", as \(record.authUser)"))
        add("Recipients", history.recipients.map { "\($0.recipient.address) (\($0.outcome.rawValue))" }.joined(separator: ", "))
        lines.append("Story (UTC)")
        for entry in entries(history) {
            let prefix = "  \(UTCTime.full(entry.time))  "
            lines += TextWrap.lines(entry.headline, width: width, prefix: prefix,
                                    indent: String(repeating: " ", count: prefix.count + 2))
            for detail in entry.details { lines += TextWrap.lines(detail, width: width, prefix: "      ", indent: "        ") }
        }
        if history.recipients.allSatisfy({ $0.outcome == .accepted }) {
            lines.append("  (no report has come back: the server accepted every copy and nothing bounced)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One step of the story. `order` breaks ties: recorded, then submitted, then events.
    struct Entry {
        var time: Date
        var order: Int
        var headline: String
        var details: [String] = []
    }

    /// Recording, submission and the events, oldest first. A report's time is its own Date header
    /// (whole seconds, and the remote clock), which can fall before the submission it is about:
    /// events are placed no earlier than the submission, though printed with their own time.
    static func entries(_ history: OutgoingHistory) -> [Entry] {
        let record = history.record
        var entries = [Entry(time: record.createdAt, order: 0,
                             headline: "recorded for \(history.recipients.count) recipient(s)"
                                + (record.tag.map { ", tag \($0)" } ?? ""))]
        for recipient in history.recipients {
            let row = recipient.recipient
            let headline: String
            switch row.state {
            case .pending: headline = "not submitted to \(row.address) (the run stopped before it)"
            case .accepted: headline = "submitted to \(row.address): accepted"
            case .rejected: headline = "submitted to \(row.address): not accepted"
            }
            entries.append(Entry(time: record.submittedAt ?? record.createdAt, order: 1, headline: headline,
                                 details: row.smtpReply.map { ["server: \($0)"] } ?? []))
        }
        for event in history.recipients.flatMap(\.events) + history.otherEvents {
            var headline = "event \(event.id ?? 0): \(event.kind), \(event.reason)"
            if let status = event.status { headline += " (\(status))" }
            if let recipient = event.recipient { headline += " for \(recipient)" }
            if event.verified == false { headline += ", UNVERIFIED" }
            var details: [String] = []
            if !event.cause.isEmpty { details.append("cause: " + event.cause) }
            if !event.remedy.isEmpty { details.append("remedy: " + event.remedy) }
            entries.append(Entry(time: event.occurredAt, order: 2, headline: headline, details: details))
        }
        let submitted = record.submittedAt ?? record.createdAt
        func key(_ entry: Entry) -> Date { entry.order == 2 ? max(entry.time, submitted) : entry.time }
        return entries.enumerated().sorted {
            (key($0.element), $0.element.order, $0.offset) < (key($1.element), $1.element.order, $1.offset)
        }.map(\.element)
    }

    static func json(_ history: OutgoingHistory) -> String {
        String(decoding: SentListPrinter.object(history), as: UTF8.self) + "\n"
    }
}
