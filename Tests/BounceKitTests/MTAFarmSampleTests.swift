import BounceKit
import MailCore
import Testing

/// The reports in `samples/mta/` were produced by real Postfix, Exim, Sendmail and OpenSMTPD
/// instances for real causes (`scripts/mta-farm`); `samples/mta/expected.tsv` holds what each
/// cause really is (recipient, kind, reason) and the status the report itself gives.
///
/// Rows the classifier gets wrong today are listed in `knownFailures`: their checks run inside
/// `withKnownIssue`, so the suite passes while the list shows what is left. A row that starts
/// passing makes its known issue go unrecorded, which fails the test: take it off the list then.
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

    /// Files whose expected row the current classifier does not meet (kind, reason, status or the
    /// recipient itself), as of the commit that added these samples.
    static let knownFailures: Set<String> = [
        "exim/authfailure-dmarc.eml",
        "exim/authfailure-spf.eml",
        "exim/blocked.eml",
        "exim/contenterror-attachment.eml",
        "exim/delay.eml",
        "exim/emailtoolarge.eml",
        "exim/expired-greylist.eml",
        "exim/failedstarttls.eml",
        "exim/filtered-body.eml",
        "exim/hostunknown-nomx.eml",
        "exim/hostunknown-nxdomain.eml",
        "exim/mailboxfull.eml",
        "exim/norelaying.eml",
        "exim/ratelimited.eml",
        "exim/userunknown-local.eml",
        "exim/userunknown.eml",
        "opensmtpd/authfailure-dmarc.eml",
        "opensmtpd/authfailure-spf.eml",
        "opensmtpd/blocked.eml",
        "opensmtpd/contenterror-attachment.eml",
        "opensmtpd/expired-greylist.eml",
        "opensmtpd/expired-refused.eml",
        "opensmtpd/failedstarttls.eml",
        "opensmtpd/filtered-body.eml",
        "opensmtpd/hostunknown-nomx.eml",
        "opensmtpd/mailboxfull.eml",
        "opensmtpd/norelaying.eml",
        "opensmtpd/ratelimited.eml",
        "opensmtpd/userunknown.eml",
        "postfix/expired-greylist.eml",
        "postfix/filtered-body.eml",
        "sendmail/delay.eml",
        "sendmail/expired-greylist.eml",
        "sendmail/expired-refused.eml",
        "sendmail/filtered-body.eml",
        "sendmail/ratelimited.eml",
    ]

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
        if Self.knownFailures.contains(row.file) {
            withKnownIssue("the classifier does not yet meet \(row.file)'s expected row") {
                try Self.check(row)
            }
        } else {
            try Self.check(row)
        }
    }
}
