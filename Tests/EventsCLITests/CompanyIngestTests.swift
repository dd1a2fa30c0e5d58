import Foundation
import Testing

/// One catch-all Maildir receiving reports for three companies and one that is no company: each
/// message belongs to the company whose event address it was delivered to, one company's support
/// never sees another's events, and mail for an unknown company is kept and listed unattributed.
@Suite("Companies receiving")
struct CompanyIngestTests {
    static let companies = ["acme", "beta", "gamma"]

    /// The Postfix samples, once for each of `names`, delivered to NAME+tag@event.test.
    static func fill(_ maildir: String, for names: [String]) throws {
        for name in names {
            for (index, sample) in TestMessages.samples.enumerated() {
                let copy = TestMessages.withMessageID(sample.bytes, "\(name)-\(index)@events.test")
                let delivered = Data("Delivered-To: \(name)+m1r0.k.x@event.test\n".utf8) + copy
                try delivered.write(to: URL(fileURLWithPath: "\(maildir)/new/\(name)-\(sample.name)"))
            }
        }
    }

    @Test func eachCompanySeesOnlyItsOwnEvents() throws {
        let folder = try TestFolder()
        defer { folder.remove() }
        let db = folder("events.sqlite"), maildir = try folder.maildir()
        @discardableResult
        func events(_ arguments: [String], environment: [String: String] = [:], expecting status: Int32 = 0) throws -> EventsBinary.Result {
            let result = try EventsBinary.run(arguments + ["--db", db], environment: environment)
            #expect(result.status == status, "events \(arguments.joined(separator: " ")): \(result.stdout)\(result.stderr)")
            return result
        }
        try events(["config", "set", "event-domain", "event.test"])
        let added = try events(["config", "company", "add"] + Self.companies)
        #expect(added.stdout.contains("added acme: its event address is acme@event.test"))
        try Self.fill(maildir, for: Self.companies + ["omega"])
        let samples = TestMessages.samples.count
        let ingested = try events(["ingest", "--maildir", maildir])
        #expect(ingested.stdout.contains("\(4 * samples) messages read, \(4 * samples) stored"))
        #expect(ingested.stderr.contains("\(samples) message(s) were delivered to an event address that names no company"),
                "\(ingested.stderr)")

        let everything = EventsBinary.jsonArray(try events(["list", "--format", "json", "--limit", "0"]).stdout)
        let failedPerCopy = everything.filter { ($0["company"] as? String) == "acme" && ["bounce"].contains($0["kind"] as? String) }.count
        #expect(failedPerCopy > 0)
        for company in Self.companies {
            let failed = EventsBinary.jsonArray(try events(["list", "--failed", "--company", company, "--format", "json"]).stdout)
            #expect(failed.count == failedPerCopy)
            #expect(failed.allSatisfy { $0["company"] as? String == company }, "\(company) sees only its own failures")
            let all = EventsBinary.jsonArray(try events(["list", "--company", company, "--format", "json", "--limit", "0"]).stdout)
            #expect(all.count == everything.count / 4 && all.allSatisfy { $0["company"] as? String == company })
        }
        // Mail for omega, which is no company: kept, listed unattributed, in no company's list.
        let unattributed = EventsBinary.jsonArray(try events(["list", "--unattributed", "--format", "json", "--limit", "0"]).stdout)
        #expect(unattributed.count == everything.count / 4)
        #expect(unattributed.allSatisfy { $0["company"] is NSNull })
        let omegaID = try #require(unattributed.first?["id"] as? Int)
        let show = try events(["show", String(omegaID)])
        #expect(show.stdout.contains("unattributed: delivered to omega+m1r0.k.x@event.test, which is no"), "\(show.stdout)")
        // Support staff of beta cannot open acme's event, and the table names companies only when mixed.
        let acmeID = try #require(everything.first { $0["company"] as? String == "acme" }?["id"] as? Int)
        #expect(try events(["show", String(acmeID), "--company", "beta"], expecting: 1).stderr.contains("no event \(acmeID) of company beta"))
        #expect(try events(["show", String(acmeID), "--company", "acme"]).stdout.contains("Company:         acme (delivered to acme+m1r0.k.x@event.test)"))
        #expect(try events(["list"]).stdout.hasPrefix("ID  WHEN (UTC)        COMPANY"))
        #expect(!(try events(["list", "--company", "acme"]).stdout.contains("COMPANY")))

        // The config file's company is the default: beta's support staff set it once.
        let config = folder("config")
        try Data("company = beta\n".utf8).write(to: URL(fileURLWithPath: config))
        let asBeta = EventsBinary.jsonArray(try events(["list", "--failed", "--format", "json"], environment: ["EVENTS_CONFIG": config]).stdout)
        #expect(asBeta.count == failedPerCopy && asBeta.allSatisfy { $0["company"] as? String == "beta" })
        #expect(try events(["list", "--company", "nosuch"], expecting: 1).stderr.contains("no company 'nosuch' (from the option --company)"))

        let counts = EventsBinary.jsonArray(try events(["stats", "--by-company", "--format", "json"]).stdout)
        #expect(counts.map { $0["company"] as? String } == ["acme", "beta", "gamma", nil])
        #expect(counts.map { $0["messages"] as? Int } == [samples, samples, samples, samples])
        #expect(counts.allSatisfy { $0["failed"] as? Int == failedPerCopy })

        // Adding omega later: its earlier mail waits, and reparse attributes it.
        let late = try events(["config", "company", "add", "omega"])
        #expect(late.stdout.contains("\(samples) message(s) that arrived for it earlier are unattributed: `events reparse`"))
        try events(["reparse", "--company", "omega"]) // omega has nothing yet: nothing changes
        #expect(EventsBinary.jsonArray(try events(["list", "--company", "omega", "--format", "json"]).stdout).isEmpty)
        try events(["reparse"])
        #expect(EventsBinary.jsonArray(try events(["list", "--company", "omega", "--format", "json", "--limit", "0"]).stdout).count
                == unattributed.count)
        #expect(EventsBinary.jsonArray(try events(["list", "--unattributed", "--format", "json"]).stdout).isEmpty)

        // A company with data goes only with its data.
        let refused = try events(["config", "company", "remove", "gamma"], expecting: 1)
        #expect(refused.stderr.contains("gamma holds \(samples) message(s)"))
        try events(["config", "company", "remove", "gamma", "--delete-data"])
        #expect(EventsBinary.jsonArray(try events(["list", "--format", "json", "--limit", "0"]).stdout).count == everything.count / 4 * 3)
        let list = try events(["config", "company", "list"])
        #expect(list.stdout.contains("acme") && !list.stdout.contains("gamma"))
    }

    /// With one company, nothing needs a flag: sending-side commands take the only company.
    @Test func oneCompanyNeedsNoFlag() throws {
        let folder = try TestFolder()
        defer { folder.remove() }
        let db = folder("events.sqlite")
        @discardableResult
        func events(_ arguments: [String], expecting status: Int32 = 0) throws -> EventsBinary.Result {
            let result = try EventsBinary.run(arguments + ["--db", db])
            #expect(result.status == status, "events \(arguments.joined(separator: " ")): \(result.stdout)\(result.stderr)")
            return result
        }
        try events(["config", "company", "add", "acme"])
        try events(["config", "smtp", "set", "MARI", "--host", "smtp.acme.test", "--port", "587", "--address", "mari@acme.test"])
        try events(["config", "set", "mail-sending-user", "MARI"])
        let show = try events(["config", "show"])
        #expect(show.stdout.contains("Company acme (acme@event.data.directo.ee)\n  mail-sending-user  MARI"), "\(show.stdout)")
        #expect(show.stdout.contains("  MARI: smtp.acme.test:587 starttls"))
        try events(["config", "company", "add", "beta"])
        #expect(try events(["config", "smtp", "list"], expecting: 1).stderr.contains("give --company NAME"))
        #expect(try events(["config", "smtp", "list", "--company", "beta"]).stdout == "No SMTP profiles.\n")
        #expect(try events(["config", "smtp", "show", "MARI", "--company", "acme"]).stdout.contains("server from MARI"))
    }
}
