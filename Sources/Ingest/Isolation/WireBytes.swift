/// Writes values into the compact byte form classifier workers and their parent exchange:
/// little-endian integers, strings as a length and UTF-8, optionals behind a presence byte.
struct WireWriter {
    private(set) var bytes: [UInt8] = []

    /// A writer whose buffer holds `capacity` bytes before it grows (an answer grows a buffer
    /// from empty five or six times over otherwise).
    init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    /// Makes the buffer one frame (`Frame`): a length header, then what `body` writes. The buffer
    /// is emptied first and its memory kept, so a worker that frames every answer in the same
    /// writer allocates once, not once or twice an answer; memory grown for an exceptionally
    /// large answer is given back.
    mutating func frame(_ body: (inout WireWriter) -> Void) {
        if bytes.capacity > Self.keptCapacity {
            bytes = []
            bytes.reserveCapacity(Self.keptCapacity)
        }
        bytes.removeAll(keepingCapacity: true)
        bytes.append(contentsOf: repeatElement(0, count: Frame.headerSize))
        body(&self)
        Frame.withHeader(count: bytes.count - Frame.headerSize) { header in
            bytes.replaceSubrange(0..<Frame.headerSize, with: header)
        }
    }

    /// The most memory a framing writer keeps between answers.
    static let keptCapacity = 64 * 1024

    mutating func integer(_ value: Int64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func count(_ value: Int) {
        withUnsafeBytes(of: UInt32(clamping: value).littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func flag(_ value: Bool) {
        bytes.append(value ? 1 : 0)
    }

    mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            count(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    mutating func optional<T>(_ value: T?, _ write: (inout WireWriter, T) -> Void) {
        flag(value != nil)
        if let value { write(&self, value) }
    }

    mutating func string(_ value: String?) {
        optional(value) { $0.string($1) }
    }
}

/// Reads what `WireWriter` wrote; any shortfall or nonsense is a `WireError`, never a crash.
struct WireReader {
    private let bytes: [UInt8]
    private var offset = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    var isAtEnd: Bool { offset == bytes.count }

    private mutating func take(_ count: Int) throws(WireError) -> ArraySlice<UInt8> {
        guard count >= 0, count <= bytes.count - offset else { throw WireError() }
        defer { offset += count }
        return bytes[offset..<offset + count]
    }

    mutating func integer() throws(WireError) -> Int64 {
        var value: UInt64 = 0
        for (shift, byte) in try take(8).enumerated() { value |= UInt64(byte) << (8 * UInt64(shift)) }
        return Int64(bitPattern: value)
    }

    mutating func count() throws(WireError) -> Int {
        var value: UInt32 = 0
        for (shift, byte) in try take(4).enumerated() { value |= UInt32(byte) << (8 * UInt32(shift)) }
        return Int(value)
    }

    mutating func flag() throws(WireError) -> Bool {
        switch try take(1).first {
        case 0: return false
        case 1: return true
        default: throw WireError()
        }
    }

    mutating func string() throws(WireError) -> String {
        String(decoding: try take(try count()), as: UTF8.self)
    }

    mutating func optionalString() throws(WireError) -> String? {
        try flag() ? try string() : nil
    }
}

/// A worker's answer that cannot be read: treated like a worker that failed on the message.
struct WireError: Error {}
