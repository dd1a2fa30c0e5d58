/// A message that keeps every `MessageBounds` limit by counting bytes alone, which costs a few
/// memchr calls a line instead of `BoundsScanner`'s reading of every field: most messages are
/// small and plain enough that no limit can be reached.
///
/// Each measure the scan takes is bounded by a count: the longest line by the size; the deepest
/// comment by the opening parentheses; the lines, which end at LF, CR or CRLF, by the LFs and CRs
/// plus one; delimiter lines and header lines each by the lines; and containers (Content-Type
/// fields, one at most per field, and a field's name starts its first line) by the lines, and by
/// the lines that start with "c" or "C". So a message of at most `maximumLineLength` bytes (and at
/// most `maximumContainerWork / maximumContainers`), with at most `maximumCommentDepth` "(", and
/// either fewer lines than the least of the line limits, or at most `maximumContainers` lines
/// starting with "c" or "C" and fewer lines than the least of the other limits, exceeds none, and
/// the scan would find none; any other message is scanned. (A long message of few fields, such as
/// a bounce returning a newsletter, passes by the second count.)
enum BoundsByCounts {
    /// The most lines a message may have to be let through by counting lines alone.
    static let lineLimit = min(MessageBounds.maximumContainers, MessageBounds.maximumParts, MessageBounds.maximumHeaderLines)
    /// The most lines a message may have to be let through when few of them may start a container.
    static let lineLimitByStarts = min(MessageBounds.maximumParts, MessageBounds.maximumHeaderLines)

    /// Whether `bytes` keeps every limit by the counts above (false: it must be scanned).
    static func keepsEveryLimit(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count <= MessageBounds.maximumLineLength,
              bytes.count <= MessageBounds.maximumContainerWork / MessageBounds.maximumContainers else { return false }
        guard count(0x28, in: bytes, atMost: MessageBounds.maximumCommentDepth) != nil,
              let lineFeeds = count(0x0A, in: bytes, atMost: lineLimitByStarts - 1),
              let carriageReturns = count(0x0D, in: bytes, atMost: lineLimitByStarts - 1 - lineFeeds) else { return false }
        return lineFeeds + carriageReturns <= lineLimit - 1
            || linesStartingWithC(in: bytes, atMost: MessageBounds.maximumContainers) != nil
    }

    /// How many lines (ending at LF, CR or CRLF) start with "c" or "C", as a Content-Type field's
    /// first line does, or nil when more than `limit`.
    static func linesStartingWithC(in bytes: UnsafeBufferPointer<UInt8>, atMost limit: Int) -> Int? {
        guard let base = bytes.baseAddress else { return 0 }
        var found = 0
        func startsWithC(_ start: Int) -> Bool {
            start < bytes.count && bytes[start] | 0x20 == UInt8(ascii: "c")
        }
        if startsWithC(0) { found += 1 }
        for lineEnd in [UInt8(0x0A), 0x0D] {
            var offset = 0
            while offset < bytes.count, let hit = memchr(base + offset, Int32(lineEnd), bytes.count - offset) {
                let next = base.distance(to: hit.assumingMemoryBound(to: UInt8.self)) + 1
                // A CR followed by LF ends its line at the LF, counted there.
                if (lineEnd == 0x0A || next == bytes.count || bytes[next] != 0x0A), startsWithC(next) {
                    found += 1
                    if found > limit { return nil }
                }
                offset = next
            }
        }
        return found
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
