import ArgumentParser
import EventStore
import Foundation

extension Events {
    /// `events stats`: counts by kind and reason, and the domains with the most failures; unverified
    /// events are left out of every count, as `events list --failed` leaves them out.
    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "stats",
            abstract: "Count events by kind and reason, and show the domains with the most failures.",
            discussion: """
                Examples:
                  events stats
                  events stats --since 7d
                  events stats --since 2026-11-01 --format json
                  events stats --company acme
                  events stats --by-company --since 30d
                """
        )

        @OptionGroup var store: StoreOptions
        @OptionGroup var company: CompanyOptions

        @Flag(help: "Counts per company: messages, events, failures, unverified events and mail sent.")
        var byCompany = false

        @Option(help: ArgumentHelp("Only events at or after this date or age (e.g. 30d).", valueName: "when"),
                transform: { try PointInTime.parse($0) })
        var since: Date?

        @Option(help: "Output format: text or json.")
        var format: ShowFormat = .text

        func validate() throws {
            if byCompany && company.company != nil {
                throw ValidationError("--by-company counts every company: give no --company.")
            }
        }

        func run() throws {
            try CommandFailure.reporting {
                let database = try store.openForReading()
                if byCompany {
                    let counts = try database.countsByCompany(since: since)
                    switch format {
                    case .text: Output.standardOutput.write(Self.text(counts, since: since))
                    case .json: Output.standardOutput.write(bytes: Self.json(counts) + [0x0A])
                    }
                    Output.standardOutput.flush()
                    return
                }
                let stats = try database.statistics(since: since, company: try company.selection(in: database))
                switch format {
                case .text: Output.standardOutput.write(Self.text(stats, since: since))
                case .json: Output.standardOutput.write(bytes: Self.json(stats) + [0x0A])
                }
                Output.standardOutput.flush()
            }
        }

        static func text(_ stats: EventStatistics, since: Date?) -> String {
            var lines: [String] = []
            let period = since.map { " since \(UTCTime.full($0))" } ?? ""
            lines.append("\(stats.events) events\(period) from \(stats.messages) messages "
                         + "(\(stats.unrecognizedMessages) unrecognised)")
            if stats.unverified > 0 {
                lines.append("\(stats.unverified) unverified events not counted (their tag does not verify for their recipient)")
            }
            func section(_ title: String, _ counts: [EventStatistics.Count], indent: String = "  ") {
                guard !counts.isEmpty else { return }
                lines.append(title)
                let width = min(40, counts.map(\.name.count).max() ?? 0)
                for count in counts {
                    let name = count.name.count > width ? String(count.name.prefix(width - 1)) + "…" : count.name
                    lines.append(indent + name + String(repeating: " ", count: width - name.count + 2) + String(count.count))
                }
            }
            section("By kind", stats.byKind)
            if !stats.byReason.isEmpty { lines.append("By reason") }
            for kind in stats.byReason {
                section("  \(kind.kind)", kind.reasons, indent: "    ")
            }
            section("Top failing domains", stats.topFailingDomains)
            return lines.joined(separator: "\n") + "\n"
        }

        static func text(_ counts: [CompanyCounts], since: Date?) -> String {
            if counts.isEmpty { return "No companies: `events config company add NAME` adds one.\n" }
            let rows = counts.map {
                [$0.company ?? "(unattributed)", String($0.messages), String($0.events), String($0.failed),
                 String($0.unverified), String($0.sent)]
            }
            let period = since.map { "Since \(UTCTime.full($0))\n" } ?? ""
            return period + TableLayout.companyCounts.render(rows, width: nil)
        }

        static func json(_ counts: [CompanyCounts]) -> [UInt8] {
            var bytes: [UInt8] = [UInt8(ascii: "[")]
            for (index, count) in counts.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                var item = JSONObjectWriter()
                item.field("company", count.company)
                item.field("messages", count.messages)
                item.field("events", count.events)
                item.field("failed", count.failed)
                item.field("unverified", count.unverified)
                item.field("sent", count.sent)
                bytes += item.finish()
            }
            return bytes + [UInt8(ascii: "]")]
        }

        static func json(_ stats: EventStatistics) -> [UInt8] {
            func object(_ counts: [EventStatistics.Count]) -> [UInt8] {
                var json = JSONObjectWriter()
                for count in counts { json.field(count.name, count.count) }
                return json.finish()
            }
            var json = JSONObjectWriter()
            json.field("events", stats.events)
            json.field("unverified", stats.unverified)
            json.field("messages", stats.messages)
            json.field("unrecognized_messages", stats.unrecognizedMessages)
            var bytes = json.finish()
            bytes.removeLast()
            bytes += Array(",\"by_kind\":".utf8) + object(stats.byKind)
            var byReason: [UInt8] = [UInt8(ascii: "{")]
            for (index, kind) in stats.byReason.enumerated() {
                if index > 0 { byReason.append(UInt8(ascii: ",")) }
                var key = JSONObjectWriter()
                key.key(kind.kind)
                byReason += key.bytes.dropFirst() + object(kind.reasons)
            }
            byReason.append(UInt8(ascii: "}"))
            bytes += Array(",\"by_reason\":".utf8) + byReason
            var domains: [UInt8] = [UInt8(ascii: "[")]
            for (index, domain) in stats.topFailingDomains.enumerated() {
                if index > 0 { domains.append(UInt8(ascii: ",")) }
                var item = JSONObjectWriter()
                item.field("domain", domain.name)
                item.field("failed", domain.count)
                domains += item.finish()
            }
            domains.append(UInt8(ascii: "]"))
            bytes += Array(",\"top_failing_domains\":".utf8) + domains + [UInt8(ascii: "}")]
            return bytes
        }
    }
}
