import BounceKit
import Ingest

/// Prints findings as JSON lines or as a table that fits a 100-column terminal.
final class FindingPrinter {
    let format: FindingFormat
    let output: Output
    /// Print each reason decision's steps (`--explain`).
    let explain: Bool
    private var wroteHeader = false

    init(format: FindingFormat, output: Output, explain: Bool = false) {
        self.format = format
        self.output = output
        self.explain = explain
    }

    func print(raw: RawMessage, findings: [Finding]) {
        for finding in findings {
            switch format {
            case .jsonl: output.write(bytes: Self.jsonLine(raw: raw, finding: finding, explain: explain))
            case .table:
                printRow(raw: raw, finding: finding)
                if explain { output.write(Self.traceLines(finding)) }
            }
        }
    }

    /// A finding's decision as indented lines: each step, then the deciding rule.
    static func traceLines(_ finding: Finding, indent: String = "    ") -> String {
        var lines = finding.trace.map { indent + $0 }
        if finding.trace.isEmpty { lines.append(indent + "→ \(finding.reason.rawValue): \(finding.rule)") }
        return lines.joined(separator: "\n") + "\n"
    }

    func finish() {
        output.flush()
    }

    /// The JSONL record of `events parse`. Keys are stable; absent values are null.
    static func jsonLine(raw: RawMessage, finding: Finding, explain: Bool = false) -> [UInt8] {
        // A record is about a kilobyte, with --explain two or three.
        var json = JSONObjectWriter(capacity: explain ? 4096 : 2048)
        json.field("source", raw.source)
        json.field("message", raw.position)
        json.field("kind", finding.kind.rawValue)
        json.field("recipient", finding.recipient)
        json.field("reason", finding.reason.rawValue)
        json.field("status", finding.status?.description)
        json.field("reply_code", finding.replyCode?.value)
        json.field("action", finding.action)
        json.field("hard", finding.hard)
        json.field("sender_side", finding.senderSide)
        json.field("cause", finding.cause)
        json.field("remedy", finding.remedy)
        json.field("feedback_type", finding.feedbackType)
        json.field("diagnostic", finding.diagnostic)
        json.field("remote_mta", finding.remoteMTA)
        json.field("reporting_mta", finding.reportingMTA)
        json.field("envelope_id", finding.envelopeID)
        json.field("original_message_id", finding.original?.messageID)
        json.field("original_subject", finding.original?.subject)
        json.field("detector", finding.detector)
        json.field("rule", finding.rule)
        if explain { json.field("trace", finding.trace) }
        var line = json.finish()
        line.append(0x0A)
        return line
    }

    private static let columns: [(String, Int)] = [
        ("SOURCE", 22), ("#", 3), ("KIND", 12), ("RECIPIENT", 30), ("REASON", 15), ("STATUS", 8), ("CODE", 4),
    ]

    private func printRow(raw: RawMessage, finding: Finding) {
        if !wroteHeader {
            output.write(Self.row(Self.columns.map(\.0)))
            wroteHeader = true
        }
        let source = raw.source.split(separator: "/").last.map(String.init) ?? raw.source
        output.write(Self.row([
            source, String(raw.position), finding.kind.rawValue, finding.recipient ?? "-", finding.reason.rawValue,
            finding.status?.description ?? "-", finding.replyCode.map { String($0.value) } ?? "-",
        ]))
    }

    /// One table line: each cell cut or padded to its column, cut text marked with `…`.
    static func row(_ cells: [String]) -> String {
        var line = ""
        for (index, cell) in cells.enumerated() {
            let width = columns[index].1
            var text = cell.count > width ? String(cell.prefix(width - 1)) + "…" : cell
            if index < cells.count - 1 {
                text += String(repeating: " ", count: width - text.count + 1)
            }
            line += text
        }
        return line + "\n"
    }
}
