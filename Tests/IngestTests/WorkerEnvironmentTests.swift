import Foundation
@testable import Ingest
import Testing

/// A classifier worker's environment: this process's, without a Swift backtrace, with glibc's
/// malloc cache count added to whatever tunables the user set.
@Suite("WorkerEnvironment")
struct WorkerEnvironmentTests {
    private let own = "glibc.malloc.tcache_count=\(WorkerEnvironment.mallocCacheCount)"

    private func value(_ name: String, in entries: [String]) -> [String] {
        entries.filter { $0.hasPrefix(name + "=") }.map { String($0.dropFirst(name.count + 1)) }
    }

    @Test func keepsTheEnvironmentAndAddsItsOwnSettings() {
        let entries = WorkerEnvironment.entries(from: ["PATH": "/usr/bin:/bin", "LANG": "et_EE.UTF-8", "EMPTY": ""])
        #expect(value("PATH", in: entries) == ["/usr/bin:/bin"])
        #expect(value("LANG", in: entries) == ["et_EE.UTF-8"])
        #expect(value("EMPTY", in: entries) == [""])
        #expect(value("SWIFT_BACKTRACE", in: entries) == ["enable=no"])
        #expect(value("GLIBC_TUNABLES", in: entries) == [own])
        #expect(entries.count == 5)
    }

    @Test func replacesABacktraceSetting() {
        let entries = WorkerEnvironment.entries(from: ["SWIFT_BACKTRACE": "enable=yes,interactive=no"])
        #expect(value("SWIFT_BACKTRACE", in: entries) == ["enable=no"])
    }

    @Test(arguments: [
        (nil, "OWN"),
        ("", "OWN"),
        ("glibc.malloc.check=0", "glibc.malloc.check=0:OWN"),
        ("glibc.malloc.arena_max=2:glibc.malloc.trim_threshold=131072", "glibc.malloc.arena_max=2:glibc.malloc.trim_threshold=131072:OWN"),
        // The user's own count wins, wherever it is.
        ("glibc.malloc.tcache_count=0", "glibc.malloc.tcache_count=0"),
        ("glibc.malloc.arena_max=2:glibc.malloc.tcache_count=64", "glibc.malloc.arena_max=2:glibc.malloc.tcache_count=64"),
        // A name that only starts like it is another tunable.
        ("glibc.malloc.tcache_count_x=1", "glibc.malloc.tcache_count_x=1:OWN"),
        ("glibc.malloc.tcache_max=4096", "glibc.malloc.tcache_max=4096:OWN"),
    ] as [(String?, String)])
    func addsTheCacheCountToTheUsersTunables(_ existing: String?, _ expected: String) {
        let expected = expected.replacingOccurrences(of: "OWN", with: own)
        #expect(WorkerEnvironment.tunables(adding: existing) == expected)
        var environment = ["HOME": "/root"]
        environment["GLIBC_TUNABLES"] = existing
        #expect(value("GLIBC_TUNABLES", in: WorkerEnvironment.entries(from: environment)) == [expected])
    }
}
