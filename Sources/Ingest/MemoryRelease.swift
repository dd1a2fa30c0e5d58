/// Keeps a storing run's resident memory flat and small: glibc's malloc keeps freed memory for
/// reuse, in one arena per thread that allocated.
enum MemoryRelease {
    /// At most two arenas: the batches are allocated on the classifying threads and freed on the
    /// writing one, so per-thread arenas only hold each other's garbage.
    static func limitArenas() {
        #if os(Linux)
        _ = glibcMallopt(-8, 2)   // M_ARENA_MAX
        #endif
    }

    /// Gives the pages a written batch freed back to the system; one call per batch, so its cost
    /// (a walk of the heap) is per thousand messages. Between batches of different sizes the gaps
    /// add up to megabytes nobody uses. (Trimming only after a batch that held a message of 1 MB
    /// or more, and letting later batches reuse what small ones freed, was tried: fewer page
    /// faults, a run a few percent faster, but a peak RSS a few MiB higher, nearer the limit.)
    static func afterBatch() {
        #if os(Linux)
        _ = glibcMallocTrim(0)
        #endif
    }
}

#if os(Linux)
/// glibc's `int malloc_trim(size_t pad)` and `int mallopt(int param, int value)` (<malloc.h>,
/// which the Glibc module does not export).
@_silgen_name("malloc_trim")
private func glibcMallocTrim(_ pad: Int) -> Int32
@_silgen_name("mallopt")
private func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32
#endif
