import BounceKit
import EventStore
import Ingest
import MessageTag
import Testing

/// Verified means verified for that recipient: a recipient's tag vouches only for reports about
/// the recipient its copy went to (or that address's alias, by Original-Recipient); an older
/// per-message tag vouches for the message's recipients; anything else is unverified.
@Suite("OutgoingMatcher per recipient")
struct RecipientMatchingTests {
    static let signer = TagSigner(ring: KeyRing(keys: [try! SigningKey(id: "k1", secret: Array(repeating: 7, count: 32))],
                                                currentID: "k1"))
    static let recipients = ["Ann@b.test", "bob@c.test"]
    /// Message 20 was sent per recipient (Ann@b.test is index 0, bob@c.test index 1); message 12
    /// before tags were per recipient, to the same two.
    static let matcher = OutgoingMatcher(signer: signer) { id in
        switch id {
        case 20: SentMessage(tag: (try? signer.tag(outgoingID: 20, recipientIndex: 0).text) ?? "", recipients: recipients)
        case 12: SentMessage(tag: (try? signer.tag(outgoingID: 12).text) ?? "", recipients: recipients)
        default: nil
        }
    }

    static func envelope(_ id: Int64, _ index: Int?) -> [String] {
        let tag = index.map { try? signer.tag(outgoingID: id, recipientIndex: $0) } ?? (try? signer.tag(outgoingID: id))
        return ["company+\(tag?.text ?? "")@event.test"]
    }

    static func bounce(_ recipient: String?, original: String? = nil) -> Finding {
        Finding(kind: .bounce, recipient: recipient, reason: .userunknown, detector: "test", originalRecipient: original)
    }

    static func verified(_ id: Int64, _ recipient: String) -> OutgoingMatch {
        OutgoingMatch(method: .tag, outgoingID: id, verified: true, recipient: recipient)
    }

    static let unverified = OutgoingMatch(method: .tag, outgoingID: nil, verified: false)

    @Test func aRecipientsTagVerifiesItsRecipient() {
        #expect(Self.matcher.match(Self.bounce("ann@B.TEST"), envelope: Self.envelope(20, 0), company: nil) == Self.verified(20, "Ann@b.test"))
        #expect(Self.matcher.match(Self.bounce("bob@c.test"), envelope: Self.envelope(20, 1), company: nil) == Self.verified(20, "bob@c.test"))
        // A report naming nobody is about the recipient the tag was issued for.
        #expect(Self.matcher.match(Self.bounce(nil), envelope: Self.envelope(20, 1), company: nil) == Self.verified(20, "bob@c.test"))
    }

    /// Ann's copy's tag on a report about her co-recipient Bob, or about an address the message
    /// never went to, is a forgery.
    @Test func aCoRecipientOrANeverSentAddressIsUnverified() {
        #expect(Self.matcher.match(Self.bounce("bob@c.test"), envelope: Self.envelope(20, 0), company: nil) == Self.unverified)
        #expect(Self.matcher.match(Self.bounce("ceo@c.test"), envelope: Self.envelope(20, 0), company: nil) == Self.unverified)
        #expect(Self.matcher.match(Self.bounce("ann@b.test"), envelope: Self.envelope(20, 1), company: nil) == Self.unverified)
        // An index past the recipients (signed, but naming no copy that was sent).
        #expect(Self.matcher.match(Self.bounce(nil), envelope: Self.envelope(20, 2), company: nil) == Self.unverified)
        // A per-message tag for a message whose copies were tagged per recipient was never sent.
        #expect(Self.matcher.match(Self.bounce("ann@b.test"), envelope: Self.envelope(20, nil), company: nil) == Self.unverified)
        // In every place a tag is read, not only the envelope.
        var byENVID = Self.bounce("bob@c.test")
        byENVID.envelopeID = (try? Self.signer.tag(outgoingID: 20, recipientIndex: 0))?.text
        #expect(Self.matcher.match(byENVID, envelope: [], company: nil) == OutgoingMatch(method: .envid, outgoingID: nil, verified: false))
    }

    /// RFC 3464 Original-Recipient: mail to an alias forwarded elsewhere fails at the final address;
    /// the report names the alias beside it, and the event is about the address we sent to.
    @Test func anAliasCountsByOriginalRecipient() {
        let forwarded = Self.bounce("ann.real@elsewhere.test", original: "ann@b.test")
        #expect(Self.matcher.match(forwarded, envelope: Self.envelope(20, 0), company: nil) == Self.verified(20, "Ann@b.test"))
        #expect(Self.matcher.match(forwarded, envelope: Self.envelope(20, 1), company: nil) == Self.unverified)
        let claimsBob = Self.bounce("ann.real@elsewhere.test", original: "bob@c.test")
        #expect(Self.matcher.match(claimsBob, envelope: Self.envelope(20, 0), company: nil) == Self.unverified)
    }

    @Test func aPerMessageTagOfOlderMailVouchesForItsRecipients() {
        #expect(Self.matcher.match(Self.bounce("bob@c.test"), envelope: Self.envelope(12, nil), company: nil) == Self.verified(12, "bob@c.test"))
        #expect(Self.matcher.match(Self.bounce("x@b.test", original: "ann@b.test"), envelope: Self.envelope(12, nil), company: nil)
                == Self.verified(12, "Ann@b.test"))
        #expect(Self.matcher.match(Self.bounce("ceo@c.test"), envelope: Self.envelope(12, nil), company: nil) == Self.unverified)
        // Two recipients and a report naming neither: it could be about either.
        #expect(Self.matcher.match(Self.bounce(nil), envelope: Self.envelope(12, nil), company: nil) == Self.unverified)
    }

    /// Through the classifier: a real DSN whose Final-Recipient is where an alias forwarded to.
    @Test func aRealReportWithOriginalRecipient() throws {
        let tag = try Self.signer.tag(outgoingID: 20, recipientIndex: 1)
        let report = ReportFixture.dsn(to: "company+\(tag.text)@event.test",
                                       recipientFields: ["Final-Recipient: rfc822; robert@forward.test",
                                                         "Original-Recipient: rfc822;bob@c.test"])
        let events = MessageClassifier(matcher: Self.matcher).classification(for: Array(report.utf8)).events(receivedAt: .now)
        let event = try #require(events.first)
        #expect(events.count == 1)
        #expect(event.verified == true && event.outgoingID == 20)
        #expect(event.recipient == "bob@c.test")
        let forged = report.replacingOccurrences(of: "Original-Recipient: rfc822;bob@c.test\n", with: "")
        let unverified = MessageClassifier(matcher: Self.matcher).classification(for: Array(forged.utf8)).events(receivedAt: .now)
        #expect(unverified.first?.verified == false && unverified.first?.outgoingID == nil)
        #expect(unverified.first?.recipient == "robert@forward.test")
    }
}
