/// Limits a raw message must keep before libetpan may parse it, checked in one linear pass
/// (issue 12: hostile messages crashed or stalled ingestion); a message whose byte counts alone
/// show it within every limit is let through without that pass (`BoundsByCounts`).
///
/// libetpan recurses without a depth limit on header comments (RFC 5322 §3.2.2) and on nested
/// MIME parts (RFC 2046 §5), so deep nesting overflows the stack; and each multipart searches
/// its whole body for its boundary, so nesting costs containers × size. Within these bounds the
/// recursion is at most `maximumCommentDepth` and about 2 × `maximumContainers` frames deep, and
/// libetpan's time is at most `maximumContainers` × size, with size ≤ `maximumSize` and
/// containers × size ≤ `maximumContainerWork`; the fields it and the classifier build number at
/// most `maximumHeaderLines`.
///
/// The values sit far above what mail software writes: over the 500 messages of the shared bounce
/// corpus and samples/ the maxima are a 1,242-byte line, comment depth 2, 8 containers, 14
/// delimiter-like lines and 241 header lines; none of them is kept unparsed.
public enum MessageBounds {
    /// Total bytes. Large attachments in a returned original stay well under it.
    public static let maximumSize = 64 << 20
    /// Longest line. RFC 5322 §2.1.1 allows 998 bytes; broken senders write HTML or base64
    /// without line breaks, so the limit is a thousand times that.
    public static let maximumLineLength = 1 << 20
    /// Deepest comment nesting in a header field, e.g. `From: a@b (x (y))` is 2 (RFC 5322 §3.2.2).
    public static let maximumCommentDepth = 64
    /// Content-Type fields naming multipart/* or message/* anywhere in the message: an upper
    /// bound on the MIME nesting depth, cheap to count (RFC 2046 §5). A bounce is 2 or 3.
    public static let maximumContainers = 256
    /// Containers × size: bounds the bytes libetpan's boundary searches scan (a nested
    /// multipart searches its parent's remaining bytes again, about 16 instructions a byte):
    /// half a second or so. A 50 MB message may nest 5, a 1 MB one 256.
    public static let maximumContainerWork = 256 << 20
    /// Lines starting with "--": an upper bound on multipart delimiters, hence on parts
    /// (RFC 2046 §5.1.1). Signatures ("-- ") and rulers count too; 10,000 still leaves room.
    public static let maximumParts = 10_000
    /// Lines in header sections, all sections together: every field costs libetpan and the
    /// classifier a list entry and a string, 4 million of them seconds (a message has tens, a
    /// bounce returning its original a few hundred; 10,000 parts of 10 lines each fit).
    public static let maximumHeaderLines = 100_000

    /// The first limit `raw` exceeds, or nil when libetpan may parse it.
    public static func violation(in raw: [UInt8]) -> BoundsViolation? {
        // Most messages keep every limit by their byte counts alone (`BoundsByCounts`).
        if raw.withUnsafeBufferPointer({ BoundsByCounts.keepsEveryLimit($0) }) { return nil }
        return scannedViolation(in: raw)
    }

    /// `violation(in:)` as `BoundsScanner`'s measures find it, without the counting shortcut.
    static func scannedViolation(in raw: [UInt8]) -> BoundsViolation? {
        if raw.count > maximumSize {
            return BoundsViolation(limit: .size, found: raw.count, allowed: maximumSize)
        }
        let scan = raw.withUnsafeBufferPointer { BoundsScanner.scan($0) }
        if scan.longestLine > maximumLineLength {
            return BoundsViolation(limit: .lineLength, found: scan.longestLine, allowed: maximumLineLength)
        }
        if scan.deepestComment > maximumCommentDepth {
            return BoundsViolation(limit: .commentDepth, found: scan.deepestComment, allowed: maximumCommentDepth)
        }
        if scan.containers > maximumContainers {
            return BoundsViolation(limit: .containers, found: scan.containers, allowed: maximumContainers)
        }
        if scan.containers * raw.count > maximumContainerWork {
            return BoundsViolation(limit: .containerWork, found: scan.containers,
                                   allowed: maximumContainerWork / max(raw.count, 1))
        }
        if scan.delimiterLines > maximumParts {
            return BoundsViolation(limit: .parts, found: scan.delimiterLines, allowed: maximumParts)
        }
        if scan.headerLines > maximumHeaderLines {
            return BoundsViolation(limit: .headerLines, found: scan.headerLines, allowed: maximumHeaderLines)
        }
        return nil
    }
}
