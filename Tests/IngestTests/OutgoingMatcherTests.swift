import BounceKit
import EventStore
import Ingest
import MailModel
import MessageTag
import Testing

/// Findings match outgoing messages by their signed tag, in order: envelope recipient, ENVID, tag
/// header, Message-ID; a tag that does not verify or names nothing sent is unverified.
@Suite("OutgoingMatcher")
struct OutgoingMatcherTests {
    static let key = try! SigningKey(id: "k1", secret: Array(repeating: 7, count: 32))
    static let other = try! SigningKey(id: "k2", secret: Array(repeating: 9, count: 32))
    static let signer = TagSigner(ring: KeyRing(keys: [key], currentID: "k1"))
    static let forger = TagSigner(ring: KeyRing(keys: [try! SigningKey(id: "k1", secret: Array(repeating: 1, count: 32))],
                                                currentID: "k1"))
    /// Messages 12–14 were sent (with per-message tags, as older versions did) to A@b.test only.
    static let matcher = OutgoingMatcher(signer: signer) {
        [12, 13, 14].contains($0) ? SentMessage(tag: "m\($0).k1.aaaaaaaaaaaaaaaa", recipients: ["A@b.test"]) : nil
    }

    static func tag(_ id: Int64, by signer: TagSigner = signer) -> String {
        (try? signer.tag(outgoingID: id).text) ?? ""
    }

    static func finding(envid: String? = nil, header: String? = nil, messageID: String? = nil) -> Finding {
        var extensions: [HeaderField] = []
        if let header { extensions.append(HeaderField(name: "X-MailEvents-Tag", value: header)) }
        let original = OriginalMessage(messageID: messageID, subject: "Invoice", extensionHeaders: extensions)
        return Finding(kind: .bounce, recipient: "a@b.test", reason: .userunknown, envelopeID: envid,
                       original: original, detector: "test")
    }

    @Test func eachPlaceInOrder() {
        let envelope = ["company+\(Self.tag(12))@event.test"]
        let all = Self.finding(envid: Self.tag(13), header: Self.tag(14), messageID: "\(Self.tag(14))@event.test")
        #expect(Self.matcher.match(all, envelope: envelope, company: nil) == OutgoingMatch(method: .tag, outgoingID: 12, verified: true, recipient: "A@b.test"))
        #expect(Self.matcher.match(all, envelope: ["company@event.test"], company: nil)
                == OutgoingMatch(method: .envid, outgoingID: 13, verified: true, recipient: "A@b.test"))
        #expect(Self.matcher.match(Self.finding(header: " \(Self.tag(14).uppercased())"), envelope: [], company: nil)
                == OutgoingMatch(method: .tagHeader, outgoingID: 14, verified: true, recipient: "A@b.test"))
        #expect(Self.matcher.match(Self.finding(messageID: "\(Self.tag(12))@event.test"), envelope: [], company: nil)
                == OutgoingMatch(method: .messageID, outgoingID: 12, verified: true, recipient: "A@b.test"))
    }

    @Test func forgedOrUnknownTagsAreUnverified() {
        let unverified = { (method: OutgoingMatch.Method) in OutgoingMatch(method: method, outgoingID: nil, verified: false) }
        // Signed with another secret under the same key id.
        #expect(Self.matcher.match(Self.finding(), envelope: ["company+\(Self.tag(12, by: Self.forger))@event.test"], company: nil) == unverified(.tag))
        // A key the ring does not have.
        let stranger = TagSigner(ring: KeyRing(keys: [Self.other], currentID: "k2"))
        #expect(Self.matcher.match(Self.finding(envid: Self.tag(12, by: stranger)), envelope: [], company: nil) == unverified(.envid))
        // Correctly signed, but nothing with that id was sent from here.
        #expect(Self.matcher.match(Self.finding(header: Self.tag(99)), envelope: [], company: nil) == unverified(.tagHeader))
        // The first tag found decides: a forged envelope tag is not rescued by a good Message-ID.
        let mixed = Self.finding(messageID: "\(Self.tag(12))@event.test")
        #expect(Self.matcher.match(mixed, envelope: ["company+\(Self.tag(13, by: Self.forger))@event.test"], company: nil) == unverified(.tag))
    }

    @Test func theRecipientIsTheMessagesOne() {
        let envelope = ["company+\(Self.tag(12))@event.test"]
        var other = Self.finding()
        other.recipient = "stranger@b.test"
        #expect(Self.matcher.match(other, envelope: envelope, company: nil)?.recipient == nil)
        var unnamed = Self.finding()
        unnamed.recipient = nil
        #expect(Self.matcher.match(unnamed, envelope: envelope, company: nil)?.recipient == "A@b.test")
        #expect(Self.matcher.match(other, envelope: envelope, company: nil)?.verified == false)
        // A per-message tag of a message sent to two: a report naming nobody could be about either.
        let two = OutgoingMatcher(signer: Self.signer) { _ in SentMessage(tag: nil, recipients: ["x@b.test", "y@b.test"]) }
        #expect(two.match(unnamed, envelope: envelope, company: nil) == OutgoingMatch(method: .tag, outgoingID: nil, verified: false))
    }

    @Test func findingsWithoutTagsStayUnmatched() {
        #expect(Self.matcher.match(Self.finding(envid: "ENV-42", header: "hello", messageID: "abc@example.com"),
                                   envelope: ["company@event.test", "someone+news@example.com"], company: nil) == nil)
    }

    @Test func aClassifierWithAMatcherMatchesARealReport() {
        let report = ReportFixture.dsn(to: "company+\(Self.tag(12))@event.test",
                                       recipientFields: ["Final-Recipient: rfc822; a@b.test"], envelopeID: Self.tag(13))
        let classifier = MessageClassifier(matcher: Self.matcher)
        let events = classifier.classification(for: Array(report.utf8)).events(receivedAt: .now)
        #expect(events.count == 1)
        #expect(events.first?.outgoingID == 12)
        #expect(events.first?.matchMethod == "tag")
        #expect(events.first?.verified == true)
        let unmatched = MessageClassifier().classification(for: Array(report.utf8)).events(receivedAt: .now)
        #expect(unmatched.first?.outgoingID == nil && unmatched.first?.verified == nil)
    }
}
