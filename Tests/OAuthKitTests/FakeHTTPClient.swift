import Foundation
import OAuthKit

/// An HTTPClient that answers from a closure and records every request, so flows are tested
/// without a network. A class with a lock because flows and threads share one instance.
final class FakeHTTPClient: HTTPClient, @unchecked Sendable {
    struct Request {
        var method: String
        var url: URL
        var fields: [String: String]
        var fieldNames: [String]
    }

    private let lock = NSLock()
    private var recorded: [Request] = []
    private let answer: @Sendable (Request, Int) throws(OAuthError) -> HTTPResponse

    /// `answer` gets the request and its 0-based number.
    init(_ answer: @escaping @Sendable (Request, Int) throws(OAuthError) -> HTTPResponse) {
        self.answer = answer
    }

    var requests: [Request] {
        lock.lock()
        defer { lock.unlock() }
        return recorded
    }

    func postForm(_ url: URL, fields: [(String, String)], basic: (user: String, password: String)?) throws(OAuthError) -> HTTPResponse {
        try handle(Request(method: "POST", url: url, fields: Dictionary(fields, uniquingKeysWith: { first, _ in first }),
                           fieldNames: fields.map(\.0)))
    }

    func get(_ url: URL) throws(OAuthError) -> HTTPResponse {
        try handle(Request(method: "GET", url: url, fields: [:], fieldNames: []))
    }

    private func handle(_ request: Request) throws(OAuthError) -> HTTPResponse {
        lock.lock()
        let number = recorded.count
        recorded.append(request)
        lock.unlock()
        return try answer(request, number)
    }

    /// A JSON answer.
    static func json(_ status: Int, _ object: [String: Any]) -> HTTPResponse {
        HTTPResponse(status: status, body: try! JSONSerialization.data(withJSONObject: object),
                     headers: ["Content-Type": "application/json"])
    }

    /// A successful token answer.
    static func token(_ access: String, refresh: String? = nil, expiresIn: Int = 3600, idToken: String? = nil) -> HTTPResponse {
        var object: [String: Any] = ["access_token": access, "token_type": "Bearer", "expires_in": expiresIn]
        if let refresh { object["refresh_token"] = refresh }
        if let idToken { object["id_token"] = idToken }
        return json(200, object)
    }

    static func error(_ status: Int, _ code: String, _ description: String? = nil) -> HTTPResponse {
        var object: [String: Any] = ["error": code]
        if let description { object["error_description"] = description }
        return json(status, object)
    }
}
