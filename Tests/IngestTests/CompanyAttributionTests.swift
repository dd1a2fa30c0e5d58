import BounceKit
import EventStore
import Foundation
import Ingest
import MessageTag
import Testing

/// A message belongs to the company whose event address it was delivered to, and a tag verifies
/// only for mail that company sent.
@Suite("Company attribution")
struct CompanyAttributionTests {
    static let directory = CompanyDirectory(domain: "Event.Test", companies: [
        Company(id: 1, name: "acme", createdAt: Date(timeIntervalSince1970: 0)),
        Company(id: 2, name: "Beta.Shop", createdAt: Date(timeIntervalSince1970: 0)),
    ])

    @Test func theLocalPartBeforeTheTagNamesTheCompany() {
        #expect(Self.directory.attribution(envelope: ["acme+m12r0.x.y@event.test"])
                == CompanyAttribution(companyID: 1, address: "acme+m12r0.x.y@event.test"))
        #expect(Self.directory.attribution(envelope: ["\"Events\" <BETA.shop@EVENT.TEST>"])?.companyID == 2)
        #expect(Self.directory.attribution(envelope: ["acme@event.test.evil.example"]) == nil)
        #expect(Self.directory.attribution(envelope: ["acme@example.org", "x@y.test"]) == nil)
    }

    /// Delivered-To, X-Original-To, Envelope-To, then To: the first event-domain address that
    /// names a company decides, so a catch-all mailbox's own address on top does not hide it.
    /// ASCII addresses are read by bytes: the same names as by characters, with Unicode lowercasing.
    @Test func addressesNameCompaniesAlikeByBytesAndByCharacters() {
        func byCharacters(_ address: String) -> String? {
            guard let at = address.lastIndex(of: "@"), address[address.index(after: at)...].lowercased() == "event.test"
            else { return nil }
            let local = address[..<at]
            return local[..<(local.firstIndex(of: "+") ?? local.endIndex)].lowercased()
        }
        let locals = ["acme", "ACME", "Beta.Shop", "acme+m12r0.x", "+tag", "", "a+b+c", "\u{C4}cme", "acme\u{301}", "Z@q"]
        let domains = ["event.test", "EVENT.Test", "event.test.evil", "xevent.test", "", "\u{C9}vent.test", "event.tes"]
        var named = 0
        for local in locals {
            for domain in domains {
                for address in [local + "@" + domain, local, local + "@@" + domain] {
                    let expected = byCharacters(address)
                    #expect(Self.directory.companyName(in: address) == expected, "\(address.debugDescription)")
                    if expected != nil { named += 1 }
                }
            }
        }
        #expect(named > 20)
        #expect(Self.directory.companyName(in: "ACME+x@Event.TEST") == "acme")
        #expect(Self.directory.companyName(in: "\u{C4}CME@event.test") == "\u{E4}cme")
    }

    @Test func theFirstAddressNamingACompanyDecides() {
        #expect(Self.directory.attribution(envelope: ["catchall@event.test", "beta.shop+t@event.test", "acme@event.test"])
                == CompanyAttribution(companyID: 2, address: "beta.shop+t@event.test"))
        #expect(Self.directory.attribution(envelope: ["acme@event.test, beta.shop@event.test"])?.companyID == 1)
    }

    /// Mail for no known company is kept unattributed, saying where it went.
    @Test func anUnknownCompanyIsUnattributed() {
        #expect(Self.directory.attribution(envelope: ["acmee+t@event.test", "Sales <sales@example.org>"])
                == CompanyAttribution(companyID: nil, address: "acmee+t@event.test"))
    }

    /// A hostile message may list thousands of addresses; only the first few are read.
    @Test func onlyTheFirstAddressesAreRead() {
        let many = (0..<5_000).map { "nobody\($0)@example.org" }.joined(separator: ", ")
        #expect(Self.directory.attribution(envelope: [many, "acme@event.test"]) == nil)
    }

    /// Through the classifier: the envelope headers of a real report.
    @Test func aReportIsAttributedByItsHeaders() throws {
        let report = "Delivered-To: events@mailhost.example\nX-Original-To: acme+m1r0.k.sig@event.test\n"
            + ReportFixture.dsn(to: "beta.shop@event.test", recipientFields: ["Final-Recipient: rfc822; a@b.test"])
        let classification = MessageClassifier(companies: Self.directory).classification(for: Array(report.utf8))
        #expect(classification.company == CompanyAttribution(companyID: 1, address: "acme+m1r0.k.sig@event.test"))
    }

    // MARK: Cross-company tags

    static let signer = TagSigner(ring: KeyRing(keys: [try! SigningKey(id: "k1", secret: Array(repeating: 9, count: 32))],
                                                currentID: "k1"))
    /// Message 30 was sent by acme (1) to client@x.test; message 31 by a database without companies.
    static let matcher = OutgoingMatcher(signer: signer) { id in
        switch id {
        case 30: SentMessage(tag: (try? signer.tag(outgoingID: 30, recipientIndex: 0).text) ?? "", recipients: ["client@x.test"],
                             companyID: 1)
        case 31: SentMessage(tag: (try? signer.tag(outgoingID: 31, recipientIndex: 0).text) ?? "", recipients: ["client@x.test"])
        default: nil
        }
    }

    static func report(to local: String, tagOf id: Int64) throws -> [UInt8] {
        let tag = try signer.tag(outgoingID: id, recipientIndex: 0).text
        return Array(ReportFixture.dsn(to: "\(local)+\(tag)@event.test", recipientFields: ["Final-Recipient: rfc822; client@x.test"],
                                       envelopeID: tag).utf8)
    }

    /// A genuine tag of acme's mail in a report delivered to beta's address (a recipient of acme's
    /// mail saw the tag and files a report with it) does not verify; at acme's address it does.
    @Test func aTagVerifiesOnlyForTheCompanyThatSent() throws {
        let classifier = MessageClassifier(matcher: Self.matcher, companies: Self.directory)
        let atAcme = classifier.classification(for: try Self.report(to: "acme", tagOf: 30)).events(receivedAt: .now)
        #expect(atAcme.first?.verified == true && atAcme.first?.outgoingID == 30)
        let atBeta = classifier.classification(for: try Self.report(to: "beta.shop", tagOf: 30))
        #expect(atBeta.company?.companyID == 2)
        #expect(atBeta.matches.first??.verified == false && atBeta.matches.first??.outgoingID == nil)
        let nowhere = classifier.classification(for: try Self.report(to: "nobody", tagOf: 30))
        #expect(nowhere.company?.companyID == nil && nowhere.matches.first??.verified == false)
        // Mail sent before there were companies verifies only where no company is known.
        #expect(classifier.classification(for: try Self.report(to: "nobody", tagOf: 31)).matches.first??.verified == true)
        #expect(classifier.classification(for: try Self.report(to: "acme", tagOf: 31)).matches.first??.verified == false)
    }
}
