import BounceKit
import Ingest
import MailCore
import MailModel
import Testing

/// The shared corpus of real third-party bounces (`../shared/corpus`), scored against its
/// `expected.tsv`. Skipped, with a message, where the corpus is absent (a user's fresh clone).
@Suite("Bounce corpus", .enabled(if: Fixtures.corpusIsPresent, "../shared/corpus is absent: corpus tests skipped"))
struct CorpusTests {
    struct Row: Sendable {
        let file: String
        let recipient: String
        let reasons: [String]
        let status: String
    }

    static let placeholder = "undisclosed-recipient-in-headers@libsisimai.org.invalid"

    static let rows: [Row] = Fixtures.lines(Fixtures.corpus + "/expected.tsv").dropFirst().map { line in
        let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        return Row(file: cells[0], recipient: cells[2], reasons: cells[3].split(separator: "|").map(String.init), status: cells[4])
    }

    static let files: [String] = Array(Set(rows.map(\.file))).sorted()

    static let notBounces: [String] = (1...2).map { "maildir/not/is-not-bounce-0\($0).eml" }

    /// The findings of every message in the file, read as `events parse` reads it (a file that
    /// starts with an mbox `From ` line is an mbox).
    static func classify(_ file: String) -> (findings: [Finding], hasDeliveryStatus: Bool) {
        let bytes = Fixtures.read(Fixtures.corpus + "/" + file) ?? []
        var findings: [Finding] = []
        var hasDeliveryStatus = false
        for message in Mbox.looksLikeMbox(bytes) ? Mbox.split(bytes) : [bytes] {
            let root = MIMEParser.parse(message)
            findings += BounceClassifier().classify(root)
            hasDeliveryStatus = hasDeliveryStatus || !IncomingMessage(root).deliveryStatusTexts.isEmpty
        }
        return (findings, hasDeliveryStatus)
    }

    @Test("every expected message yields findings", arguments: files)
    func yieldsFindings(_ file: String) {
        #expect(!Self.classify(file).findings.isEmpty)
    }

    @Test("no message under maildir/not/ yields a failure", arguments: notBounces)
    func notABounce(_ file: String) {
        #expect(Self.classify(file).findings.allSatisfy { !$0.isFailure })
    }

    struct Score {
        var expected = 0, found = 0, reasonAccepted = 0, statusCompared = 0, statusEqual = 0
        func percent(_ part: Int, _ whole: Int) -> Double { whole == 0 ? 100 : 100 * Double(part) / Double(whole) }
        var foundRate: Double { percent(found, expected) }
        var reasonRate: Double { percent(reasonAccepted, found) }
        var statusRate: Double { percent(statusEqual, statusCompared) }
        var summary: String {
            "\(expected) expected recipients, found \(found) (\(rounded(foundRate))%), reason accepted \(reasonAccepted) "
                + "(\(rounded(reasonRate))%), status equal \(statusEqual)/\(statusCompared) (\(rounded(statusRate))%)"
        }
        func rounded(_ value: Double) -> String { String(Double(Int(value * 10)) / 10) }
    }

    @Test("agreement with expected.tsv meets the floors")
    func agreement() {
        var classified: [String: (findings: [Finding], hasDeliveryStatus: Bool)] = [:]
        for file in Self.files { classified[file] = Self.classify(file) }
        var whole = Score(), withDSN = Score()
        for row in Self.rows {
            guard let result = classified[row.file] else { continue }
            let match: Finding? = row.recipient == Self.placeholder
                ? result.findings.first(where: { $0.kind != .unrecognized })
                : result.findings.first(where: { $0.recipient?.lowercased() == row.recipient.lowercased() })
            for index in (result.hasDeliveryStatus ? [0, 1] : [0]) {
                var score = index == 0 ? whole : withDSN
                score.expected += 1
                if let match {
                    score.found += 1
                    if row.reasons.contains(match.reason.rawValue) { score.reasonAccepted += 1 }
                    let parts = row.status.split(separator: ".")
                    if parts.count == 3, let detail = Int(parts[2]), detail < 900 {
                        score.statusCompared += 1
                        if match.status?.description == row.status { score.statusEqual += 1 }
                    }
                }
                if index == 0 { whole = score } else { withDSN = score }
            }
        }
        print("corpus, whole: \(whole.summary)")
        print("corpus, messages with a message/delivery-status part: \(withDSN.summary)")
        // Floors of the classification-breadth issue, on the whole corpus (vendor formats,
        // complaints and automatic replies included).
        #expect(whole.foundRate >= 99)
        #expect(whole.reasonRate >= 95)
        #expect(whole.statusRate >= 97)
        // And of the foundation issue, on reports that carry a delivery-status part.
        #expect(withDSN.foundRate >= 95)
        #expect(withDSN.reasonRate >= 85)
        #expect(withDSN.statusRate >= 95)
    }
}
