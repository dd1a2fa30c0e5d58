import BounceKit
import MailCore
import Testing

/// The reports in `samples/mta/` were produced by real Postfix, Exim, Sendmail and OpenSMTPD
/// instances for real causes (`scripts/mta-farm`); `samples/mta/expected.tsv` holds what each
/// cause really is (recipient, kind, reason) and the status the report shows for it (the remote
/// server's own specific code where the report quotes one, else its Status field).
@Suite("MTA farm samples")
struct MTAFarmSampleTests {
    struct Row: Sendable, CustomTestStringConvertible {
        let file: String
        let recipient: String
        let kind: String
        let reason: String
        let status: String
        var testDescription: String { file }
    }

    static let directory = Fixtures.repositoryRoot + "/samples/mta"

    static let rows: [Row] = Fixtures.lines(directory + "/expected.tsv").dropFirst().compactMap { line in
        let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        guard cells.count == 5 else { return nil }
        return Row(file: cells[0], recipient: cells[1], kind: cells[2], reason: cells[3], status: cells[4])
    }

    @Test func expectedTableCoversEveryMTA() {
        #expect(Self.rows.count >= 4 * 8)
        for mta in ["postfix", "exim", "sendmail", "opensmtpd"] {
            #expect(Self.rows.filter { $0.file.hasPrefix(mta + "/") }.count >= 8, "\(mta)")
        }
        for row in Self.rows {
            #expect(Finding.Kind(rawValue: row.kind) != nil, "\(row.file): kind \(row.kind)")
            #expect(Reason(rawValue: row.reason) != nil, "\(row.file): reason \(row.reason)")
        }
    }

    static func check(_ row: Row) throws {
        let bytes = try #require(Fixtures.read(directory + "/" + row.file))
        let findings = BounceClassifier().classify(MIMEParser.parse(bytes))
        let finding = try #require(
            findings.first { $0.recipient?.lowercased() == row.recipient.lowercased() },
            "no finding for \(row.recipient) in \(row.file): \(findings.map { ($0.recipient ?? "-", $0.kind.rawValue) })")
        #expect(finding.kind.rawValue == row.kind)
        #expect(finding.reason.rawValue == row.reason)
        #expect(finding.status?.description == row.status)
    }

    @Test(arguments: rows)
    func classifies(_ row: Row) throws {
        try Self.check(row)
    }

    /// No success or delay notice is ever a failure.
    @Test func noSuccessOrDelayIsAFailure() throws {
        for row in Self.rows where row.kind != "bounce" {
            let bytes = try #require(Fixtures.read(Self.directory + "/" + row.file))
            let findings = BounceClassifier().classify(MIMEParser.parse(bytes))
            #expect(findings.allSatisfy { !$0.isFailure }, "\(row.file)")
        }
    }
}
