/// Splits an mbox file or stream into messages. A message starts at a line beginning `From `
/// (the envelope line) at the start of the stream or after a blank line; that line is dropped and
/// `>From ` quoting is undone (mboxrd). Lines may end in LF, CRLF or CR. RFC 4155.
public enum Mbox {
    /// Whether `bytes` begin with an mbox envelope line (`From ` and not the `From:` header).
    public static func looksLikeMbox(_ bytes: [UInt8]) -> Bool {
        bytes.starts(with: fromSpace)
    }

    private static let fromSpace: [UInt8] = Array("From ".utf8)

    /// The messages in `bytes`, in order.
    public static func split(_ bytes: [UInt8]) -> [[UInt8]] {
        var messages: [[UInt8]] = []
        bytes.withUnsafeBufferPointer { buffer in
            let n = buffer.count
            var current: [UInt8] = []
            var started = false
            var previousLineBlank = true
            var lineStart = 0
            while lineStart < n {
                // Find the end of this line and the start of the next.
                var lineEnd = lineStart
                while lineEnd < n, buffer[lineEnd] != 0x0A, buffer[lineEnd] != 0x0D { lineEnd += 1 }
                var next = lineEnd
                if next < n {
                    next += (buffer[next] == 0x0D && next + 1 < n && buffer[next + 1] == 0x0A) ? 2 : 1
                }
                let line = UnsafeBufferPointer(rebasing: buffer[lineStart..<lineEnd])
                if previousLineBlank, line.starts(with: fromSpace) {
                    if started {
                        messages.append(trimmingSeparator(current))
                        current.removeAll(keepingCapacity: true)
                    }
                    started = true
                } else {
                    var from = lineStart
                    if isQuotedFrom(line) { from += 1 }
                    current.append(contentsOf: buffer[from..<next])
                }
                previousLineBlank = line.isEmpty
                lineStart = next
            }
            if started || !current.isEmpty {
                messages.append(trimmingSeparator(current))
            }
        }
        return messages
    }

    /// `>From `, `>>From `, …: one `>` was added when the message was stored.
    private static func isQuotedFrom(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < line.count, line[index] == UInt8(ascii: ">") { index += 1 }
        return index > 0 && UnsafeBufferPointer(rebasing: line[index...]).starts(with: fromSpace)
    }

    /// Drops the blank line that separates a message from the next envelope line, keeping the
    /// message's own final line break.
    private static func trimmingSeparator(_ message: [UInt8]) -> [UInt8] {
        var end = message.count
        func dropLineBreak() -> Bool {
            if end >= 2, message[end - 2] == 0x0D, message[end - 1] == 0x0A { end -= 2; return true }
            if end >= 1, message[end - 1] == 0x0A || message[end - 1] == 0x0D { end -= 1; return true }
            return false
        }
        guard dropLineBreak() else { return message }
        let withOneBreak = end
        return dropLineBreak() ? Array(message[..<withOneBreak]) : message
    }
}
