/// One header field: its name as written and its value unfolded, with RFC 2047 encoded words decoded.
/// RFC 5322 §2.2, RFC 2047 §6.
public struct HeaderField: Sendable, Hashable {
    public let name: String
    public let value: String
    /// The name lowercased, for case-insensitive lookups (field names are case-insensitive, RFC 5322 §1.2.2).
    public let key: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
        self.key = Self.lowercased(name)
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
