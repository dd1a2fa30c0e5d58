import ArgumentParser
import BounceKit
import EventStore
import Foundation
import Ingest

extension Events {
    /// `events show ID`: everything about one event.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show one event: cause, remedy, evidence, the original message and where it came from.",
            discussion: """
                ID is the number in the first column of `events list`.

                Examples:
                  events show 42
                  events show --explain 42     # how the reason was decided, step by step
                  events show --format json 42
                  events show --company acme 42    # only if event 42 is acme's
                """
        )

        @OptionGroup var store: StoreOptions
        @OptionGroup var company: CompanyOptions

        @Argument(help: "The event's ID.")
        var id: Int64?

        @Option(help: ArgumentHelp("Show one sent message's whole story instead (the number `events sent` prints).", valueName: "id"))
        var outgoing: Int64?

        @Option(help: "Output format: text, or json (the keys of `events list` and a `source` object).")
        var format: ShowFormat = .text

        @Flag(help: "Re-classify the stored message and print how the reason was decided, step by step.")
        var explain = false

        @OptionGroup var isolation: IsolationOptions

        func validate() throws {
            if (id == nil) == (outgoing == nil) { throw ValidationError("Give an event ID, or --outgoing ID for a sent message.") }
            if let id, id <= 0 { throw ValidationError("An event ID is a positive number, as `events list` shows it.") }
        }

        func run() throws {
            if let outgoing {
                return try OutgoingStoryPrinter.show(outgoing, store: store, company: company, json: format == .json)
            }
            guard let id else { return }
            try CommandFailure.reporting {
                let opened = try store.openForReading()
                let detail = try opened.eventDetail(id: id)
                if case .company(let companyID) = try company.selection(in: opened), detail.event.companyID != companyID {
                    throw CommandFailure("there is no event \(id) of company \(try company.named()?.value ?? "") in "
                                         + "'\(opened.location)'; `events list --company NAME` shows the IDs there are.")
                }
                let finding = explain ? try rederived(detail, store: opened) : nil
                switch format {
                case .text:
                    Output.standardOutput.write(Self.text(detail, width: TerminalWidth.ofStandardOutput() ?? 100))
                    if explain { Output.standardOutput.write(Self.explanation(detail, finding)) }
                case .json:
                    var json = Self.json(detail)
                    if explain {
                        json.removeLast()
                        var writer = JSONObjectWriter()
                        writer.field("trace", finding?.trace ?? [])
                        json += Array(",\"explain\":".utf8) + writer.finish() + [UInt8(ascii: "}")]
                    }
                    Output.standardOutput.write(bytes: json + [0x0A])
                }
                Output.standardOutput.flush()
            }
        }

        /// The finding today's classifier makes of the event's stored message, for the same
        /// recipient; nil when the raw bytes are gone or it names no such recipient.
        func rederived(_ detail: EventDetail, store: EventStore) throws -> Finding? {
            guard let ledgerID = detail.event.ledgerID, let raw = try store.rawMessage(ledgerID: ledgerID) else { return nil }
            let findings = isolation.runner(MessageClassifier(), explain: true).classify([[UInt8](raw)]).first?.findings ?? []
            let recipient = detail.event.recipient?.lowercased()
            return findings.first { $0.recipient?.lowercased() == recipient && $0.kind.rawValue == detail.event.kind }
                ?? findings.first { $0.recipient?.lowercased() == recipient }
        }

        static func explanation(_ detail: EventDetail, _ finding: Finding?) -> String {
            guard let finding else {
                return "How the reason was decided\n  (not available: "
                    + (detail.rawKept ? "today's classifier finds no such recipient in the stored message"
                        : "the message's raw bytes are not kept") + ")\n"
            }
            var text = "How the reason was decided (re-classified now by events \(EventsVersion.string))\n"
                + FindingPrinter.traceLines(finding, indent: "  ")
            if finding.reason.rawValue != detail.event.reason || finding.kind.rawValue != detail.event.kind {
                text += "  Note: the stored event says \(detail.event.kind), \(detail.event.reason); today's classifier says "
                    + "\(finding.kind.rawValue), \(finding.reason.rawValue). `events reparse` stores the new result.\n"
            }
            return text
        }

        /// The event as text, long values wrapped at `width` with a hanging indent after their label
        /// (the terminal's width; 100 when piped, so a saved report still reads well).
        static func text(_ detail: EventDetail, width: Int = 100) -> String {
            let event = detail.event
            var lines: [String] = []
            func add(_ label: String, _ value: String?) {
                guard let value, !value.isEmpty else { return }
                let pad = String(repeating: " ", count: max(1, 16 - label.count))
                let indent = String(repeating: " ", count: 2 + label.count + 1 + pad.count)
                lines += TextWrap.lines(value, width: width, prefix: "  \(label):\(pad)", indent: indent)
            }
            var flags = [event.hard ? "hard" : "soft"]
            if event.senderSide { flags.append("sender side") }
            lines.append("Event \(event.id ?? 0): \(event.kind), \(event.reason) (\(flags.joined(separator: ", ")))")
            add("When", UTCTime.full(event.occurredAt))
            add("Recipient", event.recipient)
            add("Company", companyDescription(detail))
            add("Cause", event.cause.isEmpty ? "(not explained yet)" : event.cause)
            add("Remedy", event.remedy.isEmpty ? "(none given)" : event.remedy)
            lines.append("Evidence")
            add("Status", event.status)
            add("Reply code", event.replyCode.map(String.init))
            add("Action", event.action)
            add("Diagnostic", event.diagnostic.map(DiagnosticText.withoutMIMEDebris))
            add("Remote MTA", event.remoteMTA)
            add("Reporting MTA", event.reportingMTA)
            add("Feedback type", event.feedbackType)
            add("Detector", event.detector)
            add("Decided by", event.rule)
            lines.append("Original message")
            if event.originalMessageID == nil, event.originalSubject == nil, event.originalFrom == nil,
               event.originalDate == nil, event.envelopeID == nil {
                lines.append("  (the report returned none of its headers)")
            }
            add("Message-ID", event.originalMessageID)
            add("Subject", event.originalSubject)
            add("From", event.originalFrom)
            add("Date", event.originalDate)
            add("Envelope-ID", event.envelopeID)
            add("Matched", matchDescription(event))
            if let outgoing = detail.outgoing {
                lines.append("Matched message")
                add("Outgoing", "\(outgoing.id ?? 0), \(outgoing.state.rawValue), sent by \(outgoing.userCode)"
                    + (outgoing.profileUser.lowercased() == outgoing.userCode.lowercased() ? "" : " with \(outgoing.profileUser)'s server"))
                add("Subject", outgoing.subject)
                add("From", outgoing.fromAddress + (outgoing.replyTo.map { ", Reply-To \($0)" } ?? ""))
                add("Envelope from", outgoing.envelopeFrom + (detail.outgoingRecipients.count > 1
                    ? " (the first recipient's copy; each copy has its own tag)" : ""))
                add("Server", outgoing.server + (outgoing.authUser.isEmpty ? ", no AUTH" : ", as \(outgoing.authUser)"))
                add("Created", UTCTime.full(outgoing.createdAt))
                add("SMTP reply", outgoing.smtpReply)
                add("Recipients", detail.outgoingRecipients.map { "\($0.address) (\($0.state.rawValue))" }.joined(separator: ", "))
            }
            lines.append("Source")
            if event.ledgerID == nil {
                add("Submission", "our own SMTP submission (no message came in)")
            }
            if let message = detail.message {
                add("Message", "\(message.id ?? 0), from \(sourceDescription(message))")
                add("Message-ID", message.messageID)
                add("Taken in", UTCTime.full(message.receivedAt))
                add("Classified by", "events \(message.parserVersion) (\(message.outcome.rawValue))")
                add("SHA-256", MessageDigest.hex(message.sha256))
                add("Size", "\(message.size) bytes, " + (detail.rawKept ? "kept" : message.prunedAt.map {
                    "raw bytes pruned \(UTCTime.full($0))" } ?? "raw bytes not kept"))
            }
            add("Other events", detail.otherEvents.isEmpty ? nil : detail.otherEvents.map(String.init).joined(separator: ", "))
            return lines.joined(separator: "\n") + "\n"
        }

        /// The event's company, or why it has none; nil in a database without companies.
        static func companyDescription(_ detail: EventDetail) -> String? {
            let address = detail.message?.deliveredTo
            if let company = detail.company {
                return company.name + (address.map { " (delivered to \($0))" } ?? "")
            }
            if !detail.companiesExist { return nil }
            if detail.message == nil { return "(none: sent before there were companies)" }
            return "(unattributed: " + (address.map { "delivered to \($0), which is no company's event address" }
                ?? "delivered to no address at the event domain") + ")"
        }

        static func matchDescription(_ event: Event) -> String {
            switch (event.outgoingID, event.verified) {
            case (let id?, _):
                return "outgoing message \(id)" + (event.matchMethod.map { " by \($0)" } ?? "")
                    + (event.verified == true ? ", verified" : "")
            case (nil, false?):
                return "UNVERIFIED: the report carries a tag (\(event.matchMethod ?? "?")) that does not verify or names "
                    + "no message sent from here; it is not counted as a failure"
            default:
                return "not matched to an outgoing message"
            }
        }

        static func sourceDescription(_ message: LedgerEntry) -> String {
            switch message.sourceKind {
            case .maildir: return "Maildir file " + MaildirLocation.describe(message.sourceRef)
            case .stdin: return "standard input, message \(message.sourceRef)"
            case .imap: return "IMAP \(message.sourceRef)"
            case .file: return "file \(message.sourceRef)"
            }
        }

        static func json(_ detail: EventDetail) -> [UInt8] {
            var json = EventListPrinter.json(detail.event, company: detail.company?.name)
            json.removeLast() // the closing brace: the source object follows.
            var source = JSONObjectWriter()
            if let message = detail.message {
                source.field("kind", message.sourceKind.rawValue)
                source.field("ref", message.sourceRef)
                source.field("message_id", message.messageID)
                source.field("sha256", MessageDigest.hex(message.sha256))
                source.field("size", message.size)
                source.field("received_at", UTCTime.iso(message.receivedAt))
                source.field("parser_version", message.parserVersion)
                source.field("outcome", message.outcome.rawValue)
                source.field("raw_kept", detail.rawKept)
                source.field("delivered_to", message.deliveredTo)
            }
            json += Array(",\"source\":".utf8) + source.finish()
            if let outgoing = detail.outgoing {
                var matched = JSONObjectWriter()
                matched.field("id", outgoing.id.map(Int.init))
                matched.field("user_code", outgoing.userCode)
                matched.field("profile_user", outgoing.profileUser)
                matched.field("state", outgoing.state.rawValue)
                matched.field("subject", outgoing.subject)
                matched.field("message_id", outgoing.messageID)
                matched.field("from", outgoing.fromAddress)
                matched.field("reply_to", outgoing.replyTo)
                matched.field("envelope_from", outgoing.envelopeFrom)
                matched.field("server", outgoing.server)
                matched.field("created_at", UTCTime.iso(outgoing.createdAt))
                matched.field("smtp_reply", outgoing.smtpReply)
                matched.field("recipients", detail.outgoingRecipients.map { "\($0.address) (\($0.state.rawValue))" }
                    .joined(separator: ", "))
                json += Array(",\"outgoing\":".utf8) + matched.finish()
            } else {
                json += Array(",\"outgoing\":null".utf8)
            }
            json += Array(",\"other_events\":[".utf8) + Array(detail.otherEvents.map(String.init).joined(separator: ",").utf8)
            json += Array("]}".utf8)
            return json
        }
    }
}

/// How `events show` prints an event.
enum ShowFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}
