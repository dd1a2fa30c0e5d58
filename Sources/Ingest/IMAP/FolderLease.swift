import EventStore
import Foundation

/// A worker's claim on an IMAP folder, so that of several workers (on one host or, sharing a
/// PostgreSQL store, several) one reads the folder at a time. The claim is a lease in the store:
/// renewed while the worker reads, given up when it is done; a worker that dies stops renewing,
/// and once its lease has run out the next worker takes the folder over from the cursor the dead
/// one last committed (what it stored after that is recognised by SHA-256).
public final class FolderLease: @unchecked Sendable {
    public let name: String
    /// Who holds it: host, process id and a random part (two processes never share one).
    public let holder: String
    /// Seconds a claim lasts without renewal.
    public let duration: TimeInterval
    private let store: any EventStore
    private var renewed: UInt64 = 0
    /// Whether a renewal found the lease taken over by another worker (this one stalled past it).
    public private(set) var lost = false

    public init(store: any EventStore, name: String, duration: TimeInterval, holder: String = FolderLease.holderName()) {
        self.store = store
        self.name = name
        self.duration = duration
        self.holder = holder
    }

    /// `host pid NNNN #random`.
    public static func holderName() -> String {
        var host = [CChar](repeating: 0, count: 256)
        gethostname(&host, host.count - 1)
        let name = String(decoding: host.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return "\(name) pid \(getpid()) #\(String(UInt32.random(in: 0...UInt32.max), radix: 16))"
    }

    /// Claims the lease; false when another worker holds it. A holder on this host whose process
    /// has died (killed, crashed) is replaced at once rather than when its lease runs out, so a
    /// timer's next run goes on where a killed one stopped.
    public func claim() throws(StoreError) -> Bool {
        var claimed = try store.claimLease(name, holder: holder, duration: duration)
        if !claimed, let current = try store.leaseHolder(name), Self.isDeadProcessOnThisHost(current) {
            claimed = try store.takeOverLease(name, from: current, holder: holder, duration: duration)
        }
        if claimed { renewed = DispatchTime.now().uptimeNanoseconds }
        return claimed
    }

    /// Whether `holder` (as `holderName()` writes it) names this host and a process that no
    /// longer exists. A reused process id counts as alive: the lease then runs out as usual.
    static func isDeadProcessOnThisHost(_ holder: String) -> Bool {
        let mine = holderName()
        guard let hostEnd = holder.range(of: " pid "), let myHostEnd = mine.range(of: " pid "),
              holder[..<hostEnd.lowerBound] == mine[..<myHostEnd.lowerBound] else { return false }
        let rest = holder[hostEnd.upperBound...]
        guard let pid = Int32(rest.prefix { $0.isNumber }), pid > 0, pid != getpid() else { return false }
        return kill(pid, 0) != 0 && errno == ESRCH
    }

    /// Renews the lease once a quarter of its duration has passed since the last claim; false
    /// (and `lost`) when another worker took it meanwhile or the store could not be reached, so
    /// the caller stops reading.
    public func renewIfDue() -> Bool {
        guard !lost else { return false }
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - renewed) / 1e9
        guard elapsed >= duration / 4 else { return true }
        if (try? claim()) != true { lost = true }
        return !lost
    }

    /// Gives the lease up, so another worker need not wait for it to run out.
    public func release() {
        guard !lost else { return }
        try? store.releaseLease(name, holder: holder)
    }
}
