import EventStore

/// A message on its way into the store: its bytes, where it came from, and the Maildir file or IMAP
/// UID to mark processed once it is stored.
public struct PendingMessage: Sendable {
    public var sourceKind: LedgerEntry.SourceKind
    /// The Maildir file's path, or the position in standard input.
    public var sourceRef: String
    public var bytes: [UInt8]
    public var file: MaildirFile?
    /// The message's UID in the IMAP folder it was fetched from.
    public var uid: UInt32?

    public init(sourceKind: LedgerEntry.SourceKind, sourceRef: String, bytes: [UInt8], file: MaildirFile? = nil,
                uid: UInt32? = nil) {
        self.sourceKind = sourceKind
        self.sourceRef = sourceRef
        self.bytes = bytes
        self.file = file
        self.uid = uid
    }
}
