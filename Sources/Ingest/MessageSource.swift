import EventStore

/// Where ingested messages come from — a Maildir, an IMAP folder, standard input — as the storing
/// pipeline sees it: the messages pending, each read in turn, and marked processed only after the
/// transaction that stored it is durable. The pipeline knows nothing else of the source.
public protocol MessageSource: AnyObject {
    /// What the source gives the pipeline back to mark a message processed (a Maildir file, a UID).
    associatedtype Handle: Sendable

    /// The ledger's name for this kind of source.
    var sourceKind: LedgerEntry.SourceKind { get }

    /// How many messages are pending, when the source can tell cheaply (for progress).
    func pendingCount() throws -> Int?

    /// Reads the pending messages in order and hands each to `body`, which throws only to end the
    /// run (a store error). A message that cannot be read is recorded for `finish()` and skipped;
    /// an error that ends the listing is thrown and recorded by the pipeline.
    func forEachPending(_ body: (SourceMessage<Handle>) throws -> Void) throws

    /// The position a later run may resume from once `handles` are stored: saved in the same
    /// transaction as their messages. Nil for sources without one.
    func cursor(after handles: [Handle]) -> Cursor?

    /// Marks stored (or already stored) messages processed; called only after their commit.
    func markProcessed(_ handles: [Handle])

    /// Whether reading the source may write to the store (an IMAP source renews its folder's
    /// lease between fetches): the pipeline then commits each batch before reading on, keeping no
    /// transaction open across batches (`StoringTransaction`). False by default.
    var writesWhileReading: Bool { get }

    /// Waits for any marking in progress and returns what could not be read or marked.
    func finish() -> [InputError]
}

extension MessageSource {
    public func pendingCount() throws -> Int? { nil }
    public func cursor(after handles: [Handle]) -> Cursor? { nil }
    public func markProcessed(_ handles: [Handle]) {}
    public var writesWhileReading: Bool { false }
}

/// A message a source hands to the pipeline: its bytes, where it came from, and the source's handle.
public struct SourceMessage<Handle: Sendable>: Sendable {
    /// The Maildir file's path, the IMAP folder and UID, or the position in standard input.
    public var sourceRef: String
    public var bytes: [UInt8]
    public var handle: Handle
    /// Why these bytes are not the whole message (a stream cut inside it): the message is stored
    /// unclassified, as unrecognised with this cause.
    public var defect: String?

    public init(sourceRef: String, bytes: [UInt8], handle: Handle, defect: String? = nil) {
        self.sourceRef = sourceRef
        self.bytes = bytes
        self.handle = handle
        self.defect = defect
    }
}
