/// The header section of a message or body part, in the order written. RFC 5322 §3.6.
public struct HeaderFields: Sendable, Hashable, RandomAccessCollection {
    public private(set) var fields: [HeaderField]

    public init(_ fields: [HeaderField] = []) {
        self.fields = fields
    }

    public var startIndex: Int { fields.startIndex }
    public var endIndex: Int { fields.endIndex }
    public subscript(position: Int) -> HeaderField { fields[position] }

    /// The first field with this name (case-insensitive), or nil.
    public subscript(name: String) -> String? {
        let key = HeaderField.lowercased(name)
        // By index: only the found field's value is read, no field copied.
        guard let index = fields.indices.first(where: { fields[$0].hasKey(key) }) else { return nil }
        return fields[index].value
    }

    /// Every field with this name, in order.
    public func all(_ name: String) -> [String] {
        let key = HeaderField.lowercased(name)
        return fields.indices.compactMap { fields[$0].hasKey(key) ? fields[$0].value : nil }
    }

    /// Whether a field with this name is present.
    public func contains(_ name: String) -> Bool {
        let key = HeaderField.lowercased(name)
        return fields.indices.contains { fields[$0].hasKey(key) }
    }

    public mutating func append(_ field: HeaderField) {
        fields.append(field)
    }
}
