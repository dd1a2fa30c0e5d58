import Foundation
import EventStore

/// Prints events as a table (fitted to `width`, a terminal's; full values without one), as one
/// JSON array, as CSV or as TSV. Table rows are kept until `finish`, since a column is as wide as
/// its longest value; the other formats stream. Each event comes with its company's name (JSON,
/// CSV and TSV always carry it; the table in a COMPANY column when `companyColumn`, for a listing
/// that spans several companies).
final class EventListPrinter {
    let format: ListFormat
    let output: Output
    let width: Int?
    let companyColumn: Bool
    private var count = 0
    private var rows: [[String]] = []

    init(format: ListFormat, output: Output, width: Int? = nil, companyColumn: Bool = false) {
        self.format = format
        self.output = output
        self.width = width
        self.companyColumn = companyColumn
    }

    /// The keys of a JSON object and the CSV columns, in order.
    static let keys = [
        "id", "occurred_at", "kind", "recipient", "reason", "hard", "sender_side", "status", "reply_code", "action",
        "diagnostic", "remote_mta", "reporting_mta", "envelope_id", "feedback_type", "detector", "rule", "cause", "remedy",
        "original_message_id", "original_subject", "original_from", "original_date", "ledger_id", "outgoing_id",
        "match_method", "verified", "company",
    ]

    /// Prints one event of `company` (nil: unattributed).
    func print(_ event: Event, company: String? = nil) {
        switch format {
        case .table:
            var row = [
                event.id.map(String.init) ?? "-", UTCTime.minute(event.occurredAt),
                event.verified == false ? event.kind + "?" : event.kind, event.recipient ?? "-",
                event.reason, event.status ?? "-", event.replyCode.map(String.init) ?? "-", event.originalSubject ?? "",
            ]
            if companyColumn { row.insert(company ?? "-", at: 2) }
            rows.append(row)
        case .json:
            output.write(count == 0 ? "[\n" : ",\n")
            output.write(bytes: Self.json(event, company: company))
        case .csv:
            if count == 0 { output.write(Self.keys.joined(separator: ",") + "\r\n") }
            output.write(Self.values(event, company: company).map(Self.csvField).joined(separator: ",") + "\r\n")
        case .tsv:
            if count == 0 { output.write(Self.keys.joined(separator: "\t") + "\n") }
            output.write(Self.values(event, company: company).map { TableLayout.singleLine($0 ?? "") }
                .joined(separator: "\t") + "\n")
        }
        count += 1
    }

    func finish() {
        switch format {
        case .table:
            let layout = companyColumn ? TableLayout.eventsWithCompany : TableLayout.events
            output.write(count == 0 ? "No events.\n" : layout.render(rows, width: width))
        case .json: output.write(count == 0 ? "[]\n" : "\n]\n")
        case .csv: if count == 0 { output.write(Self.keys.joined(separator: ",") + "\r\n") }
        case .tsv: if count == 0 { output.write(Self.keys.joined(separator: "\t") + "\n") }
        }
        output.flush()
    }

    /// One event as a JSON object with `keys`, in order.
    static func json(_ event: Event, company: String?) -> [UInt8] {
        var json = JSONObjectWriter()
        json.field("id", event.id.map(Int.init))
        json.field("occurred_at", UTCTime.iso(event.occurredAt))
        json.field("kind", event.kind)
        json.field("recipient", event.recipient)
        json.field("reason", event.reason)
        json.field("hard", event.hard)
        json.field("sender_side", event.senderSide)
        json.field("status", event.status)
        json.field("reply_code", event.replyCode)
        json.field("action", event.action)
        json.field("diagnostic", event.diagnostic)
        json.field("remote_mta", event.remoteMTA)
        json.field("reporting_mta", event.reportingMTA)
        json.field("envelope_id", event.envelopeID)
        json.field("feedback_type", event.feedbackType)
        json.field("detector", event.detector)
        json.field("rule", event.rule)
        json.field("cause", event.cause)
        json.field("remedy", event.remedy)
        json.field("original_message_id", event.originalMessageID)
        json.field("original_subject", event.originalSubject)
        json.field("original_from", event.originalFrom)
        json.field("original_date", event.originalDate)
        json.field("ledger_id", event.ledgerID.map(Int.init))
        json.field("outgoing_id", event.outgoingID.map(Int.init))
        json.field("match_method", event.matchMethod)
        json.field("verified", event.verified)
        json.field("company", company)
        return json.finish()
    }

    /// The CSV values, in `keys` order; nil is an empty field.
    static func values(_ event: Event, company: String?) -> [String?] {
        [
            event.id.map(String.init), UTCTime.iso(event.occurredAt), event.kind, event.recipient, event.reason,
            String(event.hard), String(event.senderSide), event.status, event.replyCode.map(String.init), event.action,
            event.diagnostic, event.remoteMTA, event.reportingMTA, event.envelopeID, event.feedbackType, event.detector, event.rule, event.cause,
            event.remedy, event.originalMessageID, event.originalSubject, event.originalFrom, event.originalDate,
            event.ledgerID.map(String.init), event.outgoingID.map(String.init), event.matchMethod,
            event.verified.map(String.init), company,
        ]
    }

    /// RFC 4180 §2: a field holding a comma, quote or line break is quoted, quotes doubled.
    static func csvField(_ value: String?) -> String {
        guard let value else { return "" }
        if value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return value
    }
}
