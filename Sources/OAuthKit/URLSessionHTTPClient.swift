import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The real transport: URLSession, made synchronous with a semaphore because every caller blocks
/// on the answer anyway. Refuses plain `http://` except to this machine (127.0.0.1, ::1,
/// localhost): codes, secrets and tokens cross the network only over TLS.
public struct URLSessionHTTPClient: HTTPClient {
    /// Seconds for one request, connecting included.
    public let timeout: TimeInterval

    public init(timeout: TimeInterval = 30) {
        self.timeout = timeout
    }

    public func postForm(_ url: URL, fields: [(String, String)], basic: (user: String, password: String)?) throws(OAuthError) -> HTTPResponse {
        var request = try makeRequest(url)
        request.httpMethod = "POST"
        request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(FormEncoding.encode(fields).utf8)
        if let basic {
            // RFC 6749 §2.3.1: the id and secret are form-encoded before the Basic encoding.
            let pair = FormEncoding.escape(basic.user) + ":" + FormEncoding.escape(basic.password)
            request.setValue("Basic " + Data(pair.utf8).base64EncodedString(), forHTTPHeaderField: "Authorization")
        }
        return try perform(request)
    }

    public func get(_ url: URL) throws(OAuthError) -> HTTPResponse {
        var request = try makeRequest(url)
        request.httpMethod = "GET"
        return try perform(request)
    }

    /// Loopback hosts, where plain http never leaves the machine.
    static let loopbackHosts: Set<String> = ["127.0.0.1", "::1", "[::1]", "localhost"]

    /// Checks the scheme (https anywhere, http only to loopback) and sets the common headers.
    func makeRequest(_ url: URL) throws(OAuthError) -> URLRequest {
        let scheme = url.scheme?.lowercased()
        let host = url.host?.lowercased() ?? ""
        guard scheme == "https" || (scheme == "http" && Self.loopbackHosts.contains(host)) else {
            throw OAuthError(kind: .transport, detail: "refusing \(scheme ?? "a URL without a scheme"):// to \(host.isEmpty ? "no host" : host): "
                + "OAuth requests go over https except to this machine", endpoint: OAuthError.place(url))
        }
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        return request
    }

    func perform(_ request: URLRequest) throws(OAuthError) -> HTTPResponse {
        let endpoint = request.url.map(OAuthError.place) ?? ""
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout
        // No redirects: a token endpoint answers itself (RFC 6749 §3.2), and a 307 would carry the
        // form (a refresh token, a client secret) to wherever it points, past the https check.
        let session = URLSession(configuration: configuration, delegate: RefusingRedirects(), delegateQueue: nil)
        defer { session.finishTasksAndInvalidate() }
        let box = Outcome()
        let done = DispatchSemaphore(value: 0)
        let task = session.dataTask(with: request) { data, response, error in
            box.set(data: data, response: response, error: error)
            done.signal()
        }
        task.resume()
        // The session's own timeout should fire first; this guards against one that never does.
        if done.wait(timeout: .now() + timeout + 5) == .timedOut {
            task.cancel()
            throw OAuthError(kind: .transport, detail: "no answer within \(Int(timeout)) seconds", endpoint: endpoint)
        }
        let (data, response, error) = box.get()
        if let error {
            throw OAuthError(kind: .transport, detail: error.localizedDescription, endpoint: endpoint)
        }
        guard let http = response as? HTTPURLResponse else {
            throw OAuthError(kind: .protocolViolation, detail: "not an HTTP response", endpoint: endpoint)
        }
        var headers: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            if let name = name as? String, let value = value as? String { headers[name] = value }
        }
        return HTTPResponse(status: http.statusCode, body: data ?? Data(), headers: headers)
    }

    /// Declines every redirect, so the 3xx itself is the answer.
    private final class RefusingRedirects: NSObject, URLSessionTaskDelegate, @unchecked Sendable {
        func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                        newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void) {
            completionHandler(nil)
        }
    }

    /// Carries the completion handler's results back to the waiting thread.
    private final class Outcome: @unchecked Sendable {
        private let lock = NSLock()
        private var data: Data?
        private var response: URLResponse?
        private var error: (any Error)?

        func set(data: Data?, response: URLResponse?, error: (any Error)?) {
            lock.lock()
            defer { lock.unlock() }
            (self.data, self.response, self.error) = (data, response, error)
        }

        func get() -> (Data?, URLResponse?, (any Error)?) {
            lock.lock()
            defer { lock.unlock() }
            return (data, response, error)
        }
    }
}
