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

    @Test("the holder is named while the lease runs; a takeover needs the holder it names", arguments: StoreKinds.all)
    func holderAndTakeOver(_ kind: StoreKind) throws {
        try withFreshStore(kind) { store throws in
            #expect(try store.leaseHolder(Self.inbox) == nil)
            #expect(try store.claimLease(Self.inbox, holder: "host-a:101", duration: 60))
            #expect(try store.leaseHolder(Self.inbox) == "host-a:101")
            #expect(try !store.takeOverLease(Self.inbox, from: "host-c:303", holder: "host-b:202", duration: 60),
                    "not from a holder that does not hold it")
            #expect(try store.takeOverLease(Self.inbox, from: "host-a:101", holder: "host-b:202", duration: 60))
            #expect(try store.leaseHolder(Self.inbox) == "host-b:202")
            #expect(try !store.claimLease(Self.inbox, holder: "host-a:101", duration: 60))
            let short = "imap://events@mail.test/Short"
            #expect(try store.claimLease(short, holder: "host-a:101", duration: 0.3))
            Thread.sleep(forTimeInterval: 0.5)
            #expect(try store.leaseHolder(short) == nil, "a lease that ran out is held by no one")
        }
    }
}
