/// Splits an mbox file or stream into messages. A message starts at a line beginning `From `
/// (the envelope line) at the start of the stream or after a blank line; that line is dropped and
/// `>From ` quoting is undone (mboxrd). Lines may end in LF, CRLF or CR. RFC 4155.
public enum Mbox {
    /// Whether `bytes` begin with an mbox envelope line (`From ` and not the `From:` header).
    public static func looksLikeMbox(_ bytes: [UInt8]) -> Bool {
        bytes.starts(with: MboxSplitter.fromSpace)
    }

    /// The messages in `bytes`, in order. Streams are split as they are read (`MessageStream`);
    /// this is for bytes already in memory.
    public static func split(_ bytes: [UInt8]) -> [[UInt8]] {
        var messages: [[UInt8]] = []
        var splitter = MboxSplitter()
        bytes.withUnsafeBufferPointer { splitter.feed($0) { messages.append($0) } }
        splitter.finish { messages.append($0) }
        return messages
    }
}
