import EventStore

/// Standard input (or any stream) as a source: one message, or each message of an mbox stream,
/// split as it is read so memory stays flat however long the stream. The ledger's source reference
/// is the message's 1-based position. A stream that ends inside a line was cut short: its last
/// message is stored as unrecognised with that cause, and the run reports it.
public final class StreamSource: MessageSource {
    public let fd: Int32
    /// The name the stream goes by in messages (`-` for standard input).
    public let name: String
    private var failures: [InputError] = []

    public init(fd: Int32 = 0, name: String = "-") {
        self.fd = fd
        self.name = name
    }

    public var sourceKind: LedgerEntry.SourceKind { .stdin }

    public func forEachPending(_ body: (SourceMessage<Int>) throws -> Void) throws {
        try MessageStream.forEachMessage(fd: fd, path: name) { message in
            if message.endsInsideALine {
                failures.append(message.cutFailure(path: name, after: "it was stored as cut short and unrecognised; "
                                                   + "send the whole message again"))
            }
            try body(SourceMessage(sourceRef: String(message.position), bytes: message.bytes, handle: message.position,
                                   defect: message.endsInsideALine ? message.cutDefect : nil))
        }
    }

    public func finish() -> [InputError] {
        defer { failures = [] }
        return failures
    }
}
