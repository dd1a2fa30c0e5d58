import Foundation
import Testing

/// `events reparse` and `events prune` end to end on a temporary database.
@Suite("events reparse and prune")
struct ReparsePruneCommandTests {
    @Test func reparseReplacesEventsKeepingTheirIDs() throws {
        let fixture = try StoredEventsFixture()
        defer { fixture.folder.remove() }
        let before = try fixture.json(["list", "--limit", "0"])
        let result = try fixture.run(["reparse"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.lines.first?.hasPrefix("reparse: 7 messages re-classified, 0 unrecognised, 0 pruned kept their events; events: bounce 5, delay 1, delivered 1; ") == true)
        let after = try fixture.json(["list", "--limit", "0"])
        #expect(after.count == before.count)
        #expect(after.compactMap { $0["id"] as? Int } == before.compactMap { $0["id"] as? Int })
        #expect(after.compactMap { $0["reason"] as? String } == before.compactMap { $0["reason"] as? String })

        let recent = try fixture.run(["reparse", "--since", "1h"])
        #expect(recent.lines.first?.hasPrefix("reparse: 7 messages re-classified") == true)
        let none = try fixture.run(["reparse", "--since", "2099-01-01"])
        #expect(none.lines.first?.hasPrefix("reparse: 0 messages re-classified") == true)
    }

    @Test func pruneDropsRawBytesAndKeepsEvents() throws {
        let fixture = try StoredEventsFixture()
        defer { fixture.folder.remove() }
        let nothing = try fixture.run(["prune", "--older-than", "180d"])
        #expect(nothing.status == 0)
        #expect(nothing.lines.first?.hasPrefix("prune: dropped the raw bytes of 0 messages (0.0 MB) taken in before ") == true)

        let all = try fixture.run(["prune", "--older-than", "2099-01-01"])
        #expect(all.status == 0)
        #expect(all.lines.first?.hasPrefix("prune: dropped the raw bytes of 7 messages") == true)
        #expect(all.lines.first?.hasSuffix("their events are kept") == true)
        let events = try fixture.json(["list"])
        #expect(events.count == 7)
        let id = try #require(events.first?["id"] as? Int)
        #expect(try fixture.run(["show", String(id)]).stdout.contains("bytes, raw bytes pruned "))

        let reparse = try fixture.run(["reparse"])
        #expect(reparse.lines.first?.hasPrefix("reparse: 0 messages re-classified, 0 unrecognised, 7 pruned kept their events") == true)
        #expect(try fixture.json(["list"]).count == 7)
    }

    @Test(arguments: [["prune"], ["prune", "--older-than", "ages"], ["reparse", "--since", "soon"]])
    func badArgumentsExitWithTwo(_ arguments: [String]) throws {
        let folder = try TestFolder()
        defer { folder.remove() }
        let result = try EventsBinary.run(arguments + ["--db", folder("e.sqlite")])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
    }

    @Test func anUnwritableDatabasePathFailsWithExitOne() throws {
        let folder = try TestFolder()
        defer { folder.remove() }
        try Data("x".utf8).write(to: URL(fileURLWithPath: folder("file")))
        for command in [["prune", "--older-than", "1d"], ["reparse"], ["stats"], ["show", "1"]] {
            let result = try EventsBinary.run(command + ["--db", folder("file") + "/e.sqlite"])
            #expect(result.status == 1, "\(command)")
            #expect(result.stderr.contains("cannot open the event database") || result.stderr.contains("no event database at"), "\(command)")
        }
    }
}
