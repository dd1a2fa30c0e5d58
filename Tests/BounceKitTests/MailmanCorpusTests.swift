import BounceKit
import Ingest
import MailCore
import MailModel
import Testing

/// The Mailman bounce corpus (`../shared/corpus-mailman`: bounces from old Exchange, GroupWise,
/// qmail, SMTP32, Yahoo, AOL and others), scored on recipients against its `expected.tsv`. Its
/// reasons are `*`; where its source expects an Original-Recipient we report the Final-Recipient,
/// so those rows are not counted. Skipped, with a message, where the corpus is absent.
@Suite("Mailman bounce corpus",
       .enabled(if: Fixtures.mailmanCorpusIsPresent, "../shared/corpus-mailman is absent: its tests skipped"))
struct MailmanCorpusTests {
    /// Rows whose source expects the Original-Recipient of a delivery-status report.
    static let originalRecipientRows: Set<String> = ["dsn_01", "dsn_02", "dsn_04", "dsn_09", "dsn_17"]
        .reduce(into: []) { $0.insert("flufl/\($1).txt") }

    static let placeholderDomain = "@libsisimai.org.invalid"

    static let rows: [(file: String, recipient: String)] = Fixtures.lines(Fixtures.mailmanCorpus + "/expected.tsv")
        .dropFirst().map { line in
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false)
            return (String(cells[0]), String(cells[2]))
        }

    static func classify(_ file: String) -> [Finding] {
        let bytes = Fixtures.read(Fixtures.mailmanCorpus + "/" + file) ?? []
        return (Mbox.looksLikeMbox(bytes) ? Mbox.split(bytes) : [bytes]).flatMap { message in
            BounceClassifier().classify(MIMEParser.parse(message))
        }
    }

    @Test("at least 97% of recipients found, and every message recognised")
    func recipients() {
        var findings: [String: [Finding]] = [:]
        for file in Set(Self.rows.map(\.file)) { findings[file] = Self.classify(file) }
        let unrecognized = findings.filter { $0.value.contains { $0.kind == .unrecognized } }.keys.sorted()
        var expected = 0, found = 0
        var missed: [String] = []
        for row in Self.rows where !Self.originalRecipientRows.contains(row.file) {
            expected += 1
            let own = findings[row.file] ?? []
            let match = row.recipient.hasSuffix(Self.placeholderDomain)
                ? own.contains { $0.kind != .unrecognized }
                : own.contains { $0.recipient?.lowercased() == row.recipient.lowercased() }
            if match { found += 1 } else { missed.append("\(row.file) \(row.recipient)") }
        }
        print("corpus-mailman: \(expected) expected recipients, found \(found); missed: \(missed)")
        #expect(unrecognized.isEmpty, "unrecognized: \(unrecognized)")
        #expect(Double(found) >= 0.97 * Double(expected), "missed: \(missed)")
    }
}
