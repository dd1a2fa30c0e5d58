/// Splits an mbox stream into messages as its bytes arrive, a chunk at a time, so memory holds one
/// message, not the stream. A message starts at a line beginning `From ` (the envelope line) at the
/// start of the stream or after a blank line; that line is dropped and `>From ` quoting is undone
/// (mboxrd). Lines may end in LF, CRLF or CR. RFC 4155.
struct MboxSplitter {
    private var current: [UInt8] = []
    /// The unfinished last line of the bytes fed so far.
    private var carry: [UInt8] = []
    private var started = false
    private var previousLineBlank = true

    /// Feeds the next bytes of the stream; `emit` receives each message completed by them.
    mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>, _ emit: ([UInt8]) throws -> Void) rethrows {
        var start = 0
        if !carry.isEmpty {
            // Complete the carried line with the first line of these bytes.
            guard let end = Self.lineEnd(in: bytes, from: 0) else {
                carry.append(contentsOf: bytes)
                return
            }
            carry.append(contentsOf: bytes[0..<end])
            let line = carry
            carry.removeAll(keepingCapacity: true)
            try line.withUnsafeBufferPointer { try take(line: $0, emit) }
            start = end
        }
        while start < bytes.count {
            guard let end = Self.lineEnd(in: bytes, from: start) else {
                carry.append(contentsOf: bytes[start...])
                return
            }
            try take(line: UnsafeBufferPointer(rebasing: bytes[start..<end]), emit)
            start = end
        }
    }

    /// Ends the stream: emits the last message. Returns whether the stream ended inside a line
    /// (its last byte was no line break): a stream cut short, as a complete mbox never does.
    @discardableResult
    mutating func finish(_ emit: ([UInt8]) throws -> Void) rethrows -> Bool {
        let endedInsideALine = !carry.isEmpty
        if endedInsideALine {
            let line = carry
            carry.removeAll()
            try line.withUnsafeBufferPointer { try take(line: $0, emit) }
        }
        if started || !current.isEmpty {
            try emit(Self.trimmingSeparator(current))
            current.removeAll()
        }
        started = false
        previousLineBlank = true
        return endedInsideALine
    }

    /// The index after the line break of the line starting at `start`, or nil when the line is not
    /// complete in these bytes (a CR at the very end may still be followed by an LF).
    private static func lineEnd(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var index = start
        let count = bytes.count
        while index < count, bytes[index] != 0x0A, bytes[index] != 0x0D { index += 1 }
        guard index < count else { return nil }
        if bytes[index] == 0x0D {
            guard index + 1 < count else { return nil }
            return bytes[index + 1] == 0x0A ? index + 2 : index + 1
        }
        return index + 1
    }

    /// One whole line, with its line break (none for the stream's cut last line).
    private mutating func take(line: UnsafeBufferPointer<UInt8>, _ emit: ([UInt8]) throws -> Void) rethrows {
        var contentEnd = line.count
        while contentEnd > 0, line[contentEnd - 1] == 0x0A || line[contentEnd - 1] == 0x0D { contentEnd -= 1 }
        let content = UnsafeBufferPointer(rebasing: line[0..<contentEnd])
        if previousLineBlank, content.starts(with: Self.fromSpace) {
            if started {
                try emit(Self.trimmingSeparator(current))
                current.removeAll(keepingCapacity: true)
            }
            started = true
        } else {
            current.append(contentsOf: Self.isQuotedFrom(content) ? UnsafeBufferPointer(rebasing: line[1...]) : line)
        }
        previousLineBlank = content.isEmpty
    }

    static let fromSpace: [UInt8] = Array("From ".utf8)

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
