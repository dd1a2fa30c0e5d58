/// Copies of the values bound to a `DirectStatement` since its last run, which SQLite then reads
/// in place (SQLITE_STATIC) until the run ends: with SQLITE_TRANSIENT SQLite allocated and copied
/// each value itself, about twenty a stored message. Memory comes in chunks that never move while
/// values point into them; after a run they are reused from the first.
struct BindArena: ~Copyable {
    private var chunks: [UnsafeMutableRawBufferPointer] = []
    /// The chunk being filled and the first free byte in it.
    private var chunk = 0
    private var offset = 0

    /// Bytes of a chunk, unless a value needs more.
    static let chunkBytes = 4096
    /// Chunks kept for the next run at most; a larger value's chunk is given back after its run.
    static let keptChunks = 4

    init() {}

    /// The chunks' sizes, in order (for tests).
    var chunkSizes: [Int] { chunks.map(\.count) }

    deinit {
        for chunk in chunks { chunk.deallocate() }
    }

    /// A copy of `bytes` (at least one) that stays valid until `reset()`.
    mutating func copy(_ bytes: UnsafeRawBufferPointer) -> UnsafeRawPointer {
        while chunk < chunks.count, chunks[chunk].count - offset < bytes.count {
            chunk += 1
            offset = 0
        }
        if chunk == chunks.count {
            chunks.append(.allocate(byteCount: max(Self.chunkBytes, bytes.count), alignment: 8))
            offset = 0
        }
        let destination = chunks[chunk].baseAddress! + offset
        destination.copyMemory(from: bytes.baseAddress!, byteCount: bytes.count)
        offset += bytes.count
        return UnsafeRawPointer(destination)
    }

    /// Makes every chunk free again: call once SQLite no longer reads the values (after the run).
    /// Keeps at most `keptChunks` chunks of the usual size and gives back any larger one.
    mutating func reset() {
        chunk = 0
        offset = 0
        guard chunks.count > Self.keptChunks || chunks.contains(where: { $0.count > Self.chunkBytes }) else { return }
        var kept: [UnsafeMutableRawBufferPointer] = []
        for chunk in chunks {
            if chunk.count == Self.chunkBytes, kept.count < Self.keptChunks { kept.append(chunk) } else { chunk.deallocate() }
        }
        chunks = kept
    }
}
