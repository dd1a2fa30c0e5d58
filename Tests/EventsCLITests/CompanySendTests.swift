import Foundation
import Testing

/// Two companies on one database and one catch-all event mailbox, with a real Postfix: their users
/// share a user code, each sends with its own profile and event address, each bounce comes back
/// to its company, and a genuine tag of one company's mail in a report at the other company's
/// address does not verify.
@Suite("Companies sending", .serialized)
struct CompanySendTests {
    @Test func twoCompaniesWithTheSameUserCodeKeepTheirMailApart() throws {
        let fixture = try SenderFixture() // adds the company `company`
        try fixture.events(["config", "company", "add", "beta"])
        try fixture.profile("MARI", address: "mari@company.test", company: "company")
        try fixture.profile("MARI", address: "mari@beta.test", company: "beta")
        // Two companies: a send must say whose user sends.
        let ambiguous = try fixture.send("MARI", to: ["nobody@local.test"], expecting: 1)
        #expect(ambiguous.stderr.contains("serves 2 companies (beta, company): give --company NAME"), "\(ambiguous.stderr)")

        let first = try fixture.send("MARI", to: ["nobody@local.test"], subject: "From company", company: "company")
        let second = try fixture.send("MARI", to: ["nobody2@local.test"], subject: "From beta", company: "beta")
        let companyID = try #require(SenderFixture.outgoingID(first)), betaID = try #require(SenderFixture.outgoingID(second))
        let betaBounce = try #require(try fixture.waitForEventMail(containing: "beta+m\(betaID)r0.").first)
        _ = try fixture.waitForEventMail(containing: "company+m\(companyID)r0.")
        let betaText = String(decoding: try #require(FileManager.default.contents(atPath: betaBounce)), as: UTF8.self)
        #expect(betaText.contains("Delivered-To: beta+m\(betaID)r0."), "the catch-all keeps the company's address")
        try fixture.ingest()

        let companyFailed = try fixture.list(["--failed", "--company", "company"])
        #expect(companyFailed.map { $0["recipient"] as? String } == ["nobody@local.test"])
        #expect(companyFailed.allSatisfy { $0["company"] as? String == "company" && $0["verified"] as? Bool == true })
        #expect(companyFailed.first?["outgoing_id"] as? Int == companyID)
        let betaFailed = try fixture.list(["--failed", "--company", "beta"])
        #expect(betaFailed.map { $0["recipient"] as? String } == ["nobody2@local.test"])
        #expect(betaFailed.first?["outgoing_id"] as? Int == betaID)
        // Each MARI is her company's: the From of each was the company's own event address.
        let sent = try fixture.events(["sent", "--company", "beta", "--format", "json"])
        #expect(sent.stdout.contains("beta@event.test") && !sent.stdout.contains("\"company@event.test\""))
        #expect(try fixture.events(["list", "--user", "MARI", "--company", "beta", "--format", "json"]).stdout.contains("nobody2@local.test"))

        // The beta bounce, delivered to company's address instead: a recipient of beta's mail who
        // saw its tag cannot file a failure into another company's events.
        let forged = betaText.replacingOccurrences(of: "beta+m\(betaID)", with: "company+m\(betaID)")
            .replacingOccurrences(of: "Message-Id: <", with: "Message-Id: <forged.")
            .replacingOccurrences(of: "Message-ID: <", with: "Message-ID: <forged.")
        let maildir = fixture.folder("forged")
        for sub in ["new", "cur", "tmp"] {
            try FileManager.default.createDirectory(atPath: maildir + "/" + sub, withIntermediateDirectories: true)
        }
        try Data(forged.utf8).write(to: URL(fileURLWithPath: maildir + "/new/forged.eml"))
        try fixture.events(["ingest", "--maildir", maildir])
        let atCompany = try fixture.list(["--company", "company", "--recipient", "nobody2@local.test"])
        #expect(atCompany.count == 1)
        #expect(atCompany.first?["verified"] as? Bool == false && atCompany.first?["outgoing_id"] is NSNull)
        #expect(try fixture.list(["--failed", "--company", "company"]).count == 1, "the forged report is no failure")
        #expect(try fixture.list(["--failed", "--company", "beta"]).count == 1)

        let counts = EventsBinary.jsonArray(try fixture.events(["stats", "--by-company", "--format", "json"]).stdout)
        #expect(counts.map { $0["company"] as? String } == ["beta", "company"])
        #expect(counts.map { $0["failed"] as? Int } == [1, 1] && counts.map { $0["unverified"] as? Int } == [0, 1])
        #expect(counts.map { $0["sent"] as? Int } == [1, 1])
    }
}
