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
        self.key = name.lowercased()
    }
}
