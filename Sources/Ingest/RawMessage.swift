/// One message's bytes as they arrived, and where from.
public struct RawMessage: Sendable {
    /// The path as given, `-` for standard input, or for a Maildir or folder the message file's path.
    public let source: String
    /// 1-based position within an mbox file or stream; 1 for single-message files.
    public let position: Int
    public let bytes: [UInt8]
    /// Why the bytes are not the whole message (a stream cut inside it), or nil.
    public let defect: String?

    public init(source: String, position: Int, bytes: [UInt8], defect: String? = nil) {
        self.source = source
        self.position = position
        self.bytes = bytes
        self.defect = defect
    }
}
