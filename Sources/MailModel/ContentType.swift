/// A Content-Type: media type, subtype and parameters, lowercased where case does not matter.
/// RFC 2045 §5.1, RFC 2231 for continued parameters.
public struct ContentType: Sendable, Hashable, CustomStringConvertible {
    public let type: String
    public let subtype: String
    /// Parameter names lowercased; values as written (unquoted).
    public let parameters: [String: String]

    public init(type: String, subtype: String, parameters: [String: String] = [:]) {
        self.type = type.lowercased()
        self.subtype = subtype.lowercased()
        self.parameters = parameters
    }

    /// RFC 2045 §5.2: a part without Content-Type is `text/plain; charset=us-ascii`.
    public static let textPlain = ContentType(type: "text", subtype: "plain")

    /// `type/subtype`, lowercased.
    public var mimeType: String { "\(type)/\(subtype)" }

    public var description: String { mimeType }

    /// A parameter's value by case-insensitive name.
    public func parameter(_ name: String) -> String? {
        parameters[name.lowercased()]
    }

    /// The `charset` parameter, lowercased.
    public var charset: String? { parameter("charset")?.lowercased() }

    public func matches(_ type: String, _ subtype: String) -> Bool {
        self.type == type && self.subtype == subtype
    }
}
