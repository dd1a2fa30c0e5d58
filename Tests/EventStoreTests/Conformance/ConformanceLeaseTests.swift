import EventStore
import Foundation
import Testing

/// Leases: one holder at a time, renewed by its holder, taken over once it has run out, given up
/// only by its holder. Timing is relative to the store's own clock.
@Suite("Conformance: leases")
struct ConformanceLeaseTests {
    static let inbox = "imap://events@mail.test/INBOX"

    @Test("the first holder wins and renews; another is refused until the lease runs out", arguments: StoreKinds.all)
    func claim(_ kind: StoreKind) throws {
        try withFreshStore(kind) { store throws in
            #expect(try store.claimLease(Self.inbox, holder: "host-a:101", duration: 60))
            #expect(try store.claimLease(Self.inbox, holder: "host-a:101", duration: 60), "the holder renews")
            #expect(try !store.claimLease(Self.inbox, holder: "host-b:202", duration: 60))
            #expect(try store.claimLease(Self.inbox + "/Archive", holder: "host-b:202", duration: 60),
                    "another lease is another name")
            #expect(try !store.claimLease(Self.inbox, holder: "HOST-A:101", duration: 60), "holders are compared exactly")

            // A short lease: refused while it runs, taken over once it has run out.
            let short = "imap://events@mail.test/Short"
            #expect(try store.claimLease(short, holder: "host-a:101", duration: 0.3))
            #expect(try !store.claimLease(short, holder: "host-b:202", duration: 60))
            Thread.sleep(forTimeInterval: 0.5)
            #expect(try store.claimLease(short, holder: "host-b:202", duration: 60))
            #expect(try !store.claimLease(short, holder: "host-a:101", duration: 60), "the old holder lost it")
        }
    }

    @Test("a renewal extends the lease", arguments: StoreKinds.all)
    func renewal(_ kind: StoreKind) throws {
        try withFreshStore(kind) { store throws in
            #expect(try store.claimLease(Self.inbox, holder: "host-a:101", duration: 0.3))
            #expect(try store.claimLease(Self.inbox, holder: "host-a:101", duration: 60))
            Thread.sleep(forTimeInterval: 0.5)
            #expect(try !store.claimLease(Self.inbox, holder: "host-b:202", duration: 60))
        }
    }

    @Test("only the holder's release frees the lease", arguments: StoreKinds.all)
    func release(_ kind: StoreKind) throws {
        try withFreshStore(kind) { store throws in
            #expect(try store.claimLease(Self.inbox, holder: "host-a:101", duration: 60))
            try store.releaseLease(Self.inbox, holder: "host-b:202")
            #expect(try !store.claimLease(Self.inbox, holder: "host-b:202", duration: 60))
            try store.releaseLease(Self.inbox, holder: "host-a:101")
            #expect(try store.claimLease(Self.inbox, holder: "host-b:202", duration: 60))
            #expect(try !store.claimLease(Self.inbox, holder: "host-a:101", duration: 60))
            try store.releaseLease("imap://events@mail.test/Never", holder: "host-a:101") // nothing to release
            try store.releaseLease(Self.inbox, holder: "host-b:202")
            try store.releaseLease(Self.inbox, holder: "host-b:202") // twice is harmless
            #expect(try store.claimLease(Self.inbox, holder: "host-a:101", duration: 60))
        }
    }
}
