/// A message that keeps every `MessageBounds` limit by counting bytes alone, which costs a few
/// memchr calls a line instead of `BoundsScanner`'s reading of every field: most messages are
/// small and plain enough that no limit can be reached.
///
/// Each measure the scan takes is bounded by a count: the longest line by the size; the deepest
/// comment by the opening parentheses; and the lines, which end at LF, CR or CRLF, by the LFs
/// and CRs plus one. Containers (one at most per field, a field starting a line), delimiter
/// lines and header lines are each at most the lines. So a message of at most
/// `maximumLineLength` bytes (and at most `maximumContainerWork / maximumContainers`), with at most
/// `maximumCommentDepth` "(" and fewer lines than the least of the line limits, exceeds none, and
/// the scan would find none; any other message is scanned.
enum BoundsByCounts {
    /// The most lines a message may have to be let through by counting.
    static let lineLimit = min(MessageBounds.maximumContainers, MessageBounds.maximumParts, MessageBounds.maximumHeaderLines)

    /// Whether `bytes` keeps every limit by the counts above (false: it must be scanned).
    static func keepsEveryLimit(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count <= MessageBounds.maximumLineLength,
              bytes.count <= MessageBounds.maximumContainerWork / MessageBounds.maximumContainers else { return false }
        guard count(0x28, in: bytes, atMost: MessageBounds.maximumCommentDepth) != nil,
              let lineFeeds = count(0x0A, in: bytes, atMost: lineLimit - 1) else { return false }
        return count(0x0D, in: bytes, atMost: lineLimit - 1 - lineFeeds) != nil
    }

    /// How many `byte`s `bytes` holds, or nil when more than `limit`.
    static func count(_ byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, atMost limit: Int) -> Int? {
        guard let base = bytes.baseAddress else { return 0 }
        var found = 0
        var offset = 0
        while offset < bytes.count, let hit = memchr(base + offset, Int32(byte), bytes.count - offset) {
            found += 1
            if found > limit { return nil }
            offset = base.distance(to: hit.assumingMemoryBound(to: UInt8.self)) + 1
        }
        return found
    }
}
