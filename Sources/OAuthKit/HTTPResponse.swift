import Foundation

/// What an endpoint answered: enough for RFC 6749 §5.1/§5.2 parsing (status and JSON body).
public struct HTTPResponse: Sendable, CustomStringConvertible {
    public var status: Int
    public var body: Data
    /// Header names lowercased, so lookups do not depend on the server's spelling.
    public var headers: [String: String]

    public init(status: Int, body: Data, headers: [String: String] = [:]) {
        self.status = status
        self.body = body
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first })
    }

    /// Status and size only: a token endpoint's body holds tokens.
    public var description: String {
        "HTTPResponse(\(status), \(body.count) bytes)"
    }
}
