/// The environment a classifier worker starts with: this process's, with two settings of its own.
///
/// - `SWIFT_BACKTRACE=enable=no`: a crashing worker is reported by its parent, so the Swift
///   runtime prints no backtrace of its own.
/// - A larger per-thread cache of freed blocks in glibc's malloc (`glibc.malloc.tcache_count`,
///   read from `GLIBC_TUNABLES` when a process starts, so it can only be given to a child). Reading
///   a message allocates and frees thousands of small blocks of the same few sizes; the default
///   cache holds 7 of each size, and each further free or allocation takes the arena's slower
///   path. With 512, `events parse` of the shared corpus executes 2.3% fewer instructions, its
///   three processes together (`scripts/profile-parse`: 364.2 M against 372.9 M). A worker keeps
///   more freed blocks in return (at most 512 of each size up to 1 KB a thread; a worker is one
///   thread). A tunable the user already set for `tcache_count` is kept; other libc
///   implementations ignore the variable.
enum WorkerEnvironment {
    /// Blocks of each size a worker thread keeps for reuse (glibc's default is 7, its maximum 65,535).
    static let mallocCacheCount = 512

    static let tunablesName = "GLIBC_TUNABLES"
    static let cacheCountTunable = "glibc.malloc.tcache_count"

    /// `NAME=value` strings for `posix_spawn`, from `environment` (this process's).
    static func entries(from environment: [String: String]) -> [String] {
        var environment = environment
        environment["SWIFT_BACKTRACE"] = "enable=no"
        environment[tunablesName] = tunables(adding: environment[tunablesName])
        return environment.map { "\($0.key)=\($0.value)" }.sorted()
    }

    /// `GLIBC_TUNABLES` (colon-separated `name=value` pairs) with the cache count added, unless it
    /// sets one already.
    static func tunables(adding existing: String?) -> String {
        let own = "\(cacheCountTunable)=\(mallocCacheCount)"
        guard let existing, !existing.isEmpty else { return own }
        let names = existing.split(separator: ":").map { $0.prefix { $0 != "=" } }
        return names.contains { $0 == cacheCountTunable } ? existing : existing + ":" + own
    }
}
