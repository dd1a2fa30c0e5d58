/// Message bytes that `MessageBounds` let through: the only bytes `MIMEParser` hands to libetpan
/// without checking them again. Made only by `MessageBounds.check(_:)`, so holding one proves the
/// check was done, once.
public struct BoundedMessage: Sendable {
    public let bytes: [UInt8]

    fileprivate init(checked bytes: [UInt8]) {
        self.bytes = bytes
    }
}

extension MessageBounds {
    /// `raw` within every limit, or the first limit it exceeds.
    public static func check(_ raw: [UInt8]) -> Result<BoundedMessage, BoundsViolation> {
        if let violation = violation(in: raw) { return .failure(violation) }
        return .success(BoundedMessage(checked: raw))
    }
}
