import EventStore
import Foundation

/// Renders `events sent`: a table with a line per recipient (the message's columns repeated, so
/// `grep` finds whole lines; widths fit the values, nothing is cut), one JSON array of messages with
/// their recipients and events, or CSV with a row per recipient.
enum SentListPrinter {
    static func render(_ histories: [OutgoingHistory], format: ListFormat, width: Int? = nil) -> String {
        switch format {
        case .table: return table(histories, width: width)
        case .json: return json(histories)
        case .csv: return delimited(histories, separator: ",", lineEnd: "\r\n", field: EventListPrinter.csvField)
        case .tsv: return delimited(histories, separator: "\t", lineEnd: "\n", field: { TableLayout.singleLine($0 ?? "") })
        }
    }

    /// A line per recipient, the message's columns repeated; sized to `width` (a terminal's) as
    /// `events list` is, never cut when piped.
    static func table(_ histories: [OutgoingHistory], width: Int? = nil) -> String {
        if histories.isEmpty { return "No sent messages match.\n" }
        var rows: [[String]] = []
        for history in histories {
            let record = history.record
            let head = [String(record.id ?? 0), UTCTime.minute(record.createdAt), record.userCode]
            if history.recipients.isEmpty {
                rows.append(head + ["-", record.state.rawValue, "-", record.subject])
            }
            for recipient in history.recipients {
                rows.append(head + [recipient.recipient.address, recipient.outcome.rawValue,
                                    eventsCell(recipient.events), record.subject])
            }
        }
        return TableLayout.sent.render(rows, width: width)
    }

    /// `bounce userunknown #12, delay #9`: each event's kind, its reason when it is a failure or a
    /// complaint, and its id for `events show`.
    static func eventsCell(_ events: [Event]) -> String {
        if events.isEmpty { return "-" }
        return events.map(eventWords).joined(separator: ", ")
    }

    static func eventWords(_ event: Event) -> String {
        var words = event.verified == false ? event.kind + "?" : event.kind
        if ["bounce", "submission_error", "complaint"].contains(event.kind) { words += " " + event.reason }
        return words + " #\(event.id ?? 0)"
    }

    static func json(_ histories: [OutgoingHistory]) -> String {
        let objects = histories.map { String(decoding: object($0), as: UTF8.self) }
        return objects.isEmpty ? "[]\n" : "[\n" + objects.joined(separator: ",\n") + "\n]\n"
    }

    /// One message: its fields, then `recipients`, each with its state, reply, outcome and events.
    static func object(_ history: OutgoingHistory) -> [UInt8] {
        let record = history.record
        var json = JSONObjectWriter()
        json.field("id", record.id.map(Int.init))
        json.field("created_at", UTCTime.iso(record.createdAt))
        json.field("submitted_at", record.submittedAt.map(UTCTime.iso))
        json.field("user_code", record.userCode)
        json.field("profile_user", record.profileUser)
        json.field("subject", record.subject)
        json.field("message_id", record.messageID)
        json.field("from", record.fromAddress)
        json.field("reply_to", record.replyTo)
        json.field("server", record.server)
        json.field("state", record.state.rawValue)
        json.field("smtp_reply", record.smtpReply)
        var bytes = json.finish()
        bytes.removeLast()
        let recipients = history.recipients.map { recipient -> [UInt8] in
            var item = JSONObjectWriter()
            item.field("address", recipient.recipient.address)
            item.field("state", recipient.recipient.state.rawValue)
            item.field("smtp_reply", recipient.recipient.smtpReply)
            item.field("outcome", recipient.outcome.rawValue)
            var itemBytes = item.finish()
            itemBytes.removeLast()
            return itemBytes + Array(",\"events\":".utf8) + array(recipient.events.map(eventObject)) + [UInt8(ascii: "}")]
        }
        bytes += Array(",\"recipients\":".utf8) + array(recipients)
        bytes += Array(",\"other_events\":".utf8) + array(history.otherEvents.map(eventObject)) + [UInt8(ascii: "}")]
        return bytes
    }

    static func eventObject(_ event: Event) -> [UInt8] {
        var json = JSONObjectWriter()
        json.field("id", event.id.map(Int.init))
        json.field("occurred_at", UTCTime.iso(event.occurredAt))
        json.field("kind", event.kind)
        json.field("reason", event.reason)
        json.field("status", event.status)
        json.field("verified", event.verified)
        return json.finish()
    }

    static func array(_ items: [[UInt8]]) -> [UInt8] {
        [UInt8(ascii: "[")] + Array(items.joined(separator: [UInt8(ascii: ",")])) + [UInt8(ascii: "]")]
    }

    static let csvKeys = ["outgoing_id", "created_at", "user_code", "subject", "message_state", "recipient",
                          "recipient_state", "outcome", "smtp_reply", "events"]

    /// CSV (RFC 4180) or TSV: a row per recipient, the same columns.
    static func delimited(_ histories: [OutgoingHistory], separator: String, lineEnd: String,
                          field: (String?) -> String) -> String {
        var lines = [csvKeys.joined(separator: separator)]
        for history in histories {
            let record = history.record
            for recipient in history.recipients {
                let values: [String?] = [
                    record.id.map(String.init), UTCTime.iso(record.createdAt), record.userCode, record.subject,
                    record.state.rawValue, recipient.recipient.address, recipient.recipient.state.rawValue,
                    recipient.outcome.rawValue, recipient.recipient.smtpReply,
                    recipient.events.isEmpty ? nil : recipient.events.map(eventWords).joined(separator: "; "),
                ]
                lines.append(values.map(field).joined(separator: separator))
            }
        }
        return lines.joined(separator: lineEnd) + lineEnd
    }
}
