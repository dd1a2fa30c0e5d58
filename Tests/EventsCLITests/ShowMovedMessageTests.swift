import Foundation
import Testing

/// `events show` names a Maildir message where it is now: ingest moves it from new/ to cur/ with
/// the Seen flag, and the path the ledger stored would no longer open.
@Suite("events show: a moved Maildir message")
struct ShowMovedMessageTests {
    @Test func namesTheFileInCurAfterIngestMovedIt() throws {
        let fixture = try StoredEventsFixture()
        defer { fixture.folder.remove() }
        let event = try #require(try fixture.json(["list", "--recipient", "ghost@remote.test"]).first)
        // Long values wrap with a hanging indent: read the text with its line breaks folded to spaces.
        func unwrapped(_ text: String) -> String {
            text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        }
        let line = unwrapped(try fixture.run(["show", String(event["id"] as? Int ?? 0)]).stdout)
        let current = fixture.folder("Maildir") + "/cur/remote-rejection.eml:2,S"
        #expect(FileManager.default.fileExists(atPath: current))
        #expect(line.contains("Maildir file " + current + " (moved from "), "\(line)")

        try FileManager.default.removeItem(atPath: current)
        let gone = unwrapped(try fixture.run(["show", String(event["id"] as? Int ?? 0)]).stdout)
        #expect(gone.contains("/new/remote-rejection.eml (no longer there"), "\(gone)")
    }
}
