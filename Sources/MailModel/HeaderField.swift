/// One header field: its name as written and its value unfolded, with RFC 2047 encoded words decoded.
/// RFC 5322 §2.2, RFC 2047 §6.
///
/// A field read from a message may keep its value as the raw bytes of the header section and
/// decode it when `value` is read (`init(name:section:raw:decoder:)`): a message's header holds a
/// dozen fields or more and the classifier reads a handful, so most are never decoded.
public struct HeaderField: Sendable, Hashable, CustomDebugStringConvertible {
    public let name: String
    /// The name's length in bytes when it is ASCII, as field names are (RFC 5322 §3.6.8): it is
    /// then compared with a key byte by byte, with ASCII case folded, and not lowercased into a
    /// string of its own; a key of another length is told apart without reading the name. -1 for
    /// a name that is not ASCII (or longer than `Int32.max` bytes).
    private let asciiNameLength: Int32
    /// The value as given, or where the value's raw bytes lie in the header section's one copy
    /// (shared by its fields) and what decodes them.
    private let decoded: String
    private let section: [UInt8]
    private let rawStart: Int32
    private let rawEnd: Int32
    private let decoder: (any HeaderValueDecoder.Type)?

    public init(name: String, value: String) {
        self.name = name
        self.asciiNameLength = Self.asciiLength(name)
        self.decoded = value
        self.section = []
        self.rawStart = 0
        self.rawEnd = 0
        self.decoder = nil
    }

    /// A field whose value, `section[raw]`, is decoded by `decoder` each time it is read. A
    /// section longer than `Int32.max` bytes keeps the value decoded now.
    public init(name: String, section: [UInt8], raw: Range<Int>, decoder: any HeaderValueDecoder.Type) {
        self.name = name
        self.asciiNameLength = Self.asciiLength(name)
        guard let start = Int32(exactly: raw.lowerBound), let end = Int32(exactly: raw.upperBound) else {
            self.decoded = section[raw].withUnsafeBufferPointer { decoder.decodeValue($0) }
            self.section = []
            self.rawStart = 0
            self.rawEnd = 0
            self.decoder = nil
            return
        }
        self.decoded = ""
        self.section = section
        self.rawStart = start
        self.rawEnd = end
        self.decoder = decoder
    }

    /// The value, unfolded and decoded.
    public var value: String {
        guard let decoder else { return decoded }
        return section.withUnsafeBufferPointer { section in
            decoder.decodeValue(UnsafeBufferPointer(rebasing: section[Int(rawStart)..<Int(rawEnd)]))
        }
    }

    private static func asciiLength(_ name: String) -> Int32 {
        var name = name
        return name.withUTF8 { PlainASCII.isASCII($0) ? Int32(exactly: $0.count) ?? -1 : -1 }
    }

    /// The name lowercased (field names are case-insensitive, RFC 5322 §1.2.2).
    public var key: String { Self.lowercased(name) }

    /// Whether `key` (lowercase) is this field's key: `self.key == key`, without making the key.
    @inline(__always)
    public func hasKey(_ key: String) -> Bool {
        // Unicode's case mapping can change a name's length (U+212A KELVIN SIGN lowercases to "k").
        guard asciiNameLength >= 0 else { return self.key == key }
        guard Int(asciiNameLength) == key.utf8.count else { return false }
        var name = name
        var key = key
        return name.withUTF8 { name in key.withUTF8 { PlainASCII.equalsIgnoringCase(name, lowercase: $0) } }
    }

    /// Name and value, as a test's failure shows them (not the section a raw value lies in).
    public var debugDescription: String {
        "HeaderField(name: \(name.debugDescription), value: \(value.debugDescription))"
    }

    public static func == (lhs: HeaderField, rhs: HeaderField) -> Bool {
        lhs.name == rhs.name && lhs.value == rhs.value
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(value)
    }

    /// `name.lowercased()`, without Unicode case mapping for the ASCII names fields have.
    static func lowercased(_ name: String) -> String {
        var name = name
        let ascii = name.withUTF8 { utf8 -> String?? in
            var hasUpper = false
            for byte in utf8 {
                if byte >= 0x80 { return .some(nil) }
                if PlainASCII.isUppercase(byte) { hasUpper = true }
            }
            guard hasUpper else { return .none }
            return String(unsafeUninitializedCapacity: utf8.count) { buffer in
                for index in 0..<utf8.count {
                    let byte = utf8[index]
                    buffer[index] = PlainASCII.lowercased(byte)
                }
                return utf8.count
            }
        }
        switch ascii {
        case .none: return name                       // ASCII, already lowercase
        case .some(.some(let lowered)): return lowered
        case .some(.none): return name.lowercased()   // not ASCII: Unicode's mapping
        }
    }
}

/// Turns a field's raw value (the bytes after the colon, folded as written) into its value.
public protocol HeaderValueDecoder: Sendable {
    static func decodeValue(_ raw: UnsafeBufferPointer<UInt8>) -> String
}
