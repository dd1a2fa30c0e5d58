#if canImport(Glibc)
import Glibc
#endif

/// Reads the messages of a stream (standard input, an mbox file) a chunk at a time: an mbox is split
/// as it arrives (`MboxSplitter`), anything else is one message. Memory holds one message and one
/// chunk, however long the stream.
struct MessageStream {
    /// One message of the stream.
    struct Message {
        /// 1-based position in the stream.
        let position: Int
        let bytes: [UInt8]
        /// True for the last message of a stream whose last byte was not a line break: the stream
        /// was cut inside it (a complete mbox, and a message file, end with a line break).
        let endsInsideALine: Bool

        /// The cause stored with a message the stream was cut inside.
        var cutDefect: String {
            "the input ended inside this message, after \(bytes.count) bytes: it was cut short"
        }

        /// The run's report of that cut, `after` saying what was done with the message.
        func cutFailure(path: String, after: String = "it was cut short") -> InputError {
            InputError(path: path, reason: "the input ended inside message \(position) (after \(bytes.count) bytes, "
                       + "in the middle of a line): \(after)")
        }
    }

    static let chunkSize = 1 << 20

    /// Calls `body` with each message of the stream on `fd`, in order.
    static func forEachMessage(fd: Int32, path: String, _ body: (Message) throws -> Void) throws {
        // Not zeroed: read(2) writes what is then used, and a small message file touches only the
        // pages it fills (zeroing 1 MiB per file cost more than parsing most messages).
        var chunk = [UInt8](unsafeUninitializedCapacity: chunkSize) { _, count in count = chunkSize }
        var isMbox: Bool?
        var single: [UInt8] = []
        var splitter = MboxSplitter()
        var held: [UInt8]?
        var position = 0
        func hold(_ message: [UInt8]) throws {
            if let previous = held {
                position += 1
                try body(Message(position: position, bytes: previous, endsInsideALine: false))
            }
            held = message
        }
        /// Decides on the bytes read so far; an mbox's go to the splitter.
        func decide() throws -> Bool {
            guard Mbox.looksLikeMbox(single) else { return false }
            try single.withUnsafeBufferPointer { try splitter.feed($0, hold) }
            single = []
            return true
        }
        var lastByte: UInt8?
        while true {
            let count = try chunk.withUnsafeMutableBytes { buffer throws(InputError) -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                while true {
                    let count = read(fd, base, buffer.count)
                    if count >= 0 { return count }
                    if errno != EINTR { throw InputError(path: path, reason: FileReader.lastError()) }
                }
            }
            if count == 0 { break }
            lastByte = chunk[count - 1]
            if let isMbox {
                try chunk.withUnsafeBufferPointer { whole in
                    let bytes = UnsafeBufferPointer(rebasing: whole[0..<count])
                    if isMbox { try splitter.feed(bytes, hold) } else { single.append(contentsOf: bytes) }
                }
                continue
            }
            // The first five bytes decide whether this is an mbox (`From ` envelope line).
            single.append(contentsOf: chunk[0..<count])
            if single.count >= 5 { isMbox = try decide() }
        }
        if isMbox == nil, !single.isEmpty { isMbox = try decide() }
        let cut = lastByte.map { $0 != 0x0A && $0 != 0x0D } ?? false
        if isMbox == true {
            try splitter.finish(hold)
        } else if !single.isEmpty {
            try hold(single)
        }
        if let last = held {
            try body(Message(position: position + 1, bytes: last, endsInsideALine: cut))
        }
    }
}
