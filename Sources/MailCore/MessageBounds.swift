/// Limits a raw message must keep before libetpan may parse it, checked in one linear pass
/// (issue 12: hostile messages crashed or stalled ingestion).
///
/// libetpan recurses without a depth limit on header comments (RFC 5322 §3.2.2) and on nested
/// MIME parts (RFC 2046 §5), so deep nesting overflows the stack; and each multipart searches
/// its whole body for its boundary, so nesting costs containers × size. Within these bounds the
/// recursion is at most `maximumCommentDepth` and about 2 × `maximumContainers` frames deep, and
/// libetpan's time is at most `maximumContainers` × size, with size ≤ `maximumSize` and
/// containers × size ≤ `maximumContainerWork`.
///
/// The values sit far above anything mail software writes (measured on the sample corpus: comment
/// depth ≤ 2, containers ≤ 6, lines well under 100 KB, parts in the tens), so no legitimate
/// message is kept unparsed.
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
    /// multipart searches its parent's remaining bytes again).
    public static let maximumContainerWork = 1 << 30
    /// Lines starting with "--": an upper bound on multipart delimiters, hence on parts
    /// (RFC 2046 §5.1.1). Signatures ("-- ") and rulers count too; 10,000 still leaves room.
    public static let maximumParts = 10_000

    /// The first limit `raw` exceeds, or nil when libetpan may parse it.
    public static func violation(in raw: [UInt8]) -> BoundsViolation? {
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
        return nil
    }
}
