import Foundation
import Testing

/// `events list`'s table and TSV: fitted to a terminal, full values in a pipe.
@Suite("events list table and tsv")
struct ListTableTests {
    static let longRecipient = "accounts.payable.department@subsidiary.example-holding.test"
    static let longSubject = "Invoice 42 for November, second reminder: payment overdue since 2026-10-31"

    /// The stored events plus one bounce with a long recipient and subject, a day before `now`.
    static func fixture() throws -> StoredEventsFixture {
        let fixture = try StoredEventsFixture()
        let maildir = try fixture.folder.maildir("Long")
        let bounce = String(decoding: TestMessages.bounce(to: longRecipient, date: StoredEventsFixture.now.addingTimeInterval(-86_400)),
                            as: UTF8.self).replacingOccurrences(of: "Subject: Invoice 42\n", with: "Subject: \(longSubject)\n")
        try Data(bounce.utf8).write(to: URL(fileURLWithPath: maildir + "/new/long.eml"))
        let result = try fixture.run(["ingest", "--maildir", maildir])
        guard result.status == 0 else { throw StoredEventsFixture.FixtureError(result.stderr) }
        return fixture
    }

    @Test func pipedTableCutsNothing() throws {
        let fixture = try Self.fixture()
        defer { fixture.folder.remove() }
        let result = try fixture.run(["list"])
        #expect(result.status == 0)
        #expect(!result.stdout.contains("…"))
        #expect(result.lines.first?.hasPrefix("ID  WHEN (UTC)        KIND") == true)
        #expect(result.lines.first?.hasSuffix("CODE  SUBJECT") == true)
        let row = try #require(result.lines.first { $0.contains(Self.longRecipient) })
        #expect(row.hasSuffix(Self.longSubject))
        #expect(row.contains(" userunknown "))
        // Columns line up: every row has RECIPIENT where the title is.
        let column = try #require(result.lines.first?.range(of: "RECIPIENT")).lowerBound.utf16Offset(in: result.lines[0])
        for line in result.lines.dropFirst() {
            #expect(line.utf16.count > column && Array(line.utf16)[column - 1] == 0x20 && Array(line.utf16)[column] != 0x20)
        }
    }

    @Test(.enabled(if: PseudoTerminal.available))
    func atEightyColumnsNoRowWraps() throws {
        let fixture = try Self.fixture()
        defer { fixture.folder.remove() }
        let result = try PseudoTerminal.run(["list", "--db", fixture.db], columns: 80, environment: StoredEventsFixture.environment)
        #expect(result.status == 0)
        #expect(result.lines.count == 9)
        for line in result.lines { #expect(line.count <= 80, "\(line.count): \(line)") }
        let row = try #require(result.lines.first { $0.contains("accounts.payable") })
        #expect(row.contains("…"))
        #expect(row.contains("userunknown"))
        #expect(result.lines.first?.contains("RECIPIENT") == true)
    }

    @Test(.enabled(if: PseudoTerminal.available))
    func aWideTerminalShowsTheSubjectInFull() throws {
        let fixture = try Self.fixture()
        defer { fixture.folder.remove() }
        let result = try PseudoTerminal.run(["list", "--db", fixture.db], columns: 200, environment: StoredEventsFixture.environment)
        #expect(result.status == 0)
        #expect(result.lines.first?.contains("SUBJECT") == true)
        let row = try #require(result.lines.first { $0.contains(Self.longRecipient) })
        #expect(row.hasSuffix(Self.longSubject))
        for line in result.lines { #expect(line.count <= 200) }
    }

    @Test func tsvHasAHeaderAndEveryColumnInFull() throws {
        let fixture = try Self.fixture()
        defer { fixture.folder.remove() }
        let result = try fixture.run(["list", "--format", "tsv"])
        #expect(result.status == 0)
        #expect(result.lines.first == ListCommandTests.keys.joined(separator: "\t"))
        #expect(result.lines.count == 9)
        for line in result.lines { #expect(line.split(separator: "\t", omittingEmptySubsequences: false).count == ListCommandTests.keys.count) }
        let row = try #require(result.lines.first { $0.contains(Self.longRecipient) })
        let fields = row.split(separator: "\t", omittingEmptySubsequences: false)
        #expect(fields[3] == Self.longRecipient)
        #expect(fields[20] == Self.longSubject)
        let empty = try EventsBinary.run(["list", "--db", fixture.db, "--format", "tsv", "--kind", "complaint"],
                                         environment: StoredEventsFixture.environment)
        #expect(empty.stdout == ListCommandTests.keys.joined(separator: "\t") + "\n")
    }

    @Test func tabsInValuesBecomeSpacesInTSVAndTheTable() throws {
        let fixture = try StoredEventsFixture()
        defer { fixture.folder.remove() }
        let maildir = try fixture.folder.maildir("Tabs")
        let bounce = String(decoding: TestMessages.bounce(to: "tabs@example.net", date: StoredEventsFixture.now), as: UTF8.self)
            .replacingOccurrences(of: "Subject: Invoice 42\n", with: "Subject: Invoice\t42 with\ttabs\n")
        try Data(bounce.utf8).write(to: URL(fileURLWithPath: maildir + "/new/tabs.eml"))
        #expect(try fixture.run(["ingest", "--maildir", maildir]).status == 0)
        #expect(try fixture.json(["list", "--domain", "example.net"]).first?["original_subject"] as? String == "Invoice\t42 with\ttabs")
        let tsv = try fixture.run(["list", "--format", "tsv", "--domain", "example.net"])
        #expect(tsv.lines.count == 2)
        let fields = try #require(tsv.lines.last).split(separator: "\t", omittingEmptySubsequences: false)
        #expect(fields.count == ListCommandTests.keys.count)
        #expect(fields[20] == "Invoice 42 with tabs")
        let table = try fixture.run(["list", "--domain", "example.net"])
        #expect(table.lines.last?.hasSuffix("  Invoice 42 with tabs") == true)
    }
}
