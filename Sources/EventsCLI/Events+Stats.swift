import ArgumentParser
import EventStore
import Foundation

extension Events {
    /// `events stats`: counts by kind and reason, and the domains with the most failures; unverified
    /// events are left out of every count, as `events list --failed` leaves them out.
    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Count events by kind and reason, and show the domains with the most failures.",
            discussion: """
                Examples:
                  events stats
                  events stats --since 7d
                  events stats --since 2026-11-01 --format json
                """
        )

        @OptionGroup var store: StoreOptions

        @Option(help: ArgumentHelp("Only events at or after this date or age (e.g. 30d).", valueName: "when"),
                transform: { try PointInTime.parse($0) })
        var since: Date?

        @Option(help: "Output format: text or json.")
        var format: ShowFormat = .text

        func run() throws {
            try CommandFailure.reporting {
                let stats = try store.openForReading().statistics(since: since)
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
