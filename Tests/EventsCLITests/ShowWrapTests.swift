import Foundation
import Testing

/// `events show` wraps long values under their label: at 100 columns in a pipe, at the
/// terminal's width on a terminal.
@Suite("events show wrapping")
struct ShowWrapTests {
    static let diagnostic = "550 5.1.1 <long.diagnostic@example.org>: Recipient address rejected: the mailbox does not "
        + "exist here and mail to it will keep bouncing; see https://support.example.org/help/550-5.1.1-address-rejected "
        + "for what to do next"

    /// The stored events plus one bounce with a long diagnostic; returns the fixture and its event's ID.
    static func fixture() throws -> (StoredEventsFixture, Int) {
        let fixture = try StoredEventsFixture()
        let maildir = try fixture.folder.maildir("Long")
        try TestMessages.bounce(to: "long.diagnostic@example.org", date: StoredEventsFixture.now.addingTimeInterval(-3_600),
                                diagnostic: diagnostic)
            .write(to: URL(fileURLWithPath: maildir + "/new/long.eml"))
        let result = try fixture.run(["ingest", "--maildir", maildir])
        guard result.status == 0 else { throw StoredEventsFixture.FixtureError(result.stderr) }
        let event = try fixture.json(["list", "--recipient", "long.diagnostic@example.org"]).first
        return (fixture, try #require(event?["id"] as? Int))
    }

    /// The value of `label`: its line and the continuation lines indented under it, joined.
    static func value(_ label: String, in lines: [String], indent: Int) throws -> String {
        let start = try #require(lines.firstIndex { $0.hasPrefix("  \(label):") })
        var parts = [String(lines[start].dropFirst(indent))]
        for line in lines[(start + 1)...] {
            guard line.hasPrefix(String(repeating: " ", count: indent)), line.dropFirst(indent).first != " " else { break }
            parts.append(String(line.dropFirst(indent)))
        }
        return parts.joined(separator: " ")
    }

    @Test func pipedItWrapsAtAHundredUnderTheLabel() throws {
        let (fixture, id) = try Self.fixture()
        defer { fixture.folder.remove() }
        let result = try fixture.run(["show", String(id)])
        #expect(result.status == 0)
        for line in result.lines { #expect(line.count <= 100, "\(line.count): \(line)") }
        let start = try #require(result.lines.firstIndex { $0.hasPrefix("  Diagnostic:") })
        #expect(result.lines[start].count > 90)
        #expect(result.lines[start + 1].hasPrefix(String(repeating: " ", count: 19)))
        #expect(result.lines[start + 1].dropFirst(19).first?.isLetter == true)
        // Wrapping only moves line breaks: the words are all there, in order, URL included.
        #expect(try Self.value("Diagnostic", in: result.lines, indent: 19) == Self.diagnostic)
    }

    @Test(.enabled(if: PseudoTerminal.available))
    func onATerminalItWrapsAtItsWidth() throws {
        let (fixture, id) = try Self.fixture()
        defer { fixture.folder.remove() }
        let result = try PseudoTerminal.run(["show", "--db", fixture.db, String(id)], columns: 60,
                                            environment: StoredEventsFixture.environment)
        #expect(result.status == 0)
        // Only a word longer than a line (the URL, a path) sticks out, alone on its line and whole.
        for line in result.lines where line.count > 60 {
            #expect(line.dropFirst(19).contains(" ") == false, "\(line)")
        }
        #expect(result.lines.contains { $0 == String(repeating: " ", count: 19) + "https://support.example.org/help/550-5.1.1-address-rejected" })
        #expect(result.lines.filter { $0.hasPrefix(String(repeating: " ", count: 19)) }.count >= 5)
        #expect(try Self.value("Diagnostic", in: result.lines, indent: 19) == Self.diagnostic)
    }
}
