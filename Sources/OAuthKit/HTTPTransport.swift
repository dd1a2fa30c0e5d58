import Foundation
#if canImport(Glibc)
import Glibc
#endif
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// The real transport: HTTP/1.1 over SwiftNIO, one request per connection, made synchronous
/// because every caller blocks on the answer anyway. TLS (NIOSSL) checks the server's certificate
/// against the system's roots and the host name. Refuses plain `http://` except to this machine
/// (127.0.0.1, ::1, localhost): codes, secrets and tokens cross the network only over TLS. Never
/// follows a redirect: a token endpoint answers itself (RFC 6749 §3.2), and a 307 would carry the
/// form (a refresh token, a client secret) to wherever it points, past the https check; the 3xx is
/// the answer.
public struct HTTPTransport: HTTPClient {
    /// Seconds for one request, connecting included.
    public let timeout: TimeInterval

    public init(timeout: TimeInterval = 30) {
        self.timeout = timeout
    }

    public func postForm(_ url: URL, fields: [(String, String)], basic: (user: String, password: String)?) throws(OAuthError) -> HTTPResponse {
        var headers = [("Content-Type", "application/x-www-form-urlencoded")]
        if let basic {
            // RFC 6749 §2.3.1: the id and secret are form-encoded before the Basic encoding.
            let pair = FormEncoding.escape(basic.user) + ":" + FormEncoding.escape(basic.password)
            headers.append(("Authorization", "Basic " + Data(pair.utf8).base64EncodedString()))
        }
        return try perform(.POST, url, headers: headers, body: Array(FormEncoding.encode(fields).utf8))
    }

    public func get(_ url: URL) throws(OAuthError) -> HTTPResponse {
        try perform(.GET, url, headers: [], body: nil)
    }

    /// Bytes of an answer read at most: token, discovery and device answers are a few kilobytes.
    static let maximumBodyBytes = 1024 * 1024

    /// Loopback hosts, where plain http never leaves the machine.
    static let loopbackHosts: Set<String> = ["127.0.0.1", "::1", "[::1]", "localhost"]

    /// Where a request goes: checked (https anywhere, http only to loopback) and split.
    struct Target {
        var secure: Bool
        var host: String
        var port: Int
        /// Path and query, as the request line carries them.
        var path: String

        /// The Host header (RFC 9110 §7.2): the port only where it is not the scheme's own.
        var hostHeader: String {
            let name = host.contains(":") ? "[\(host)]" : host
            return port == (secure ? 443 : 80) ? name : "\(name):\(port)"
        }
    }

    static func target(_ url: URL) throws(OAuthError) -> Target {
        let scheme = url.scheme?.lowercased()
        let host = url.host?.lowercased() ?? ""
        guard scheme == "https" || (scheme == "http" && loopbackHosts.contains(host)) else {
            throw OAuthError(kind: .transport, detail: "refusing \(scheme ?? "a URL without a scheme"):// to \(host.isEmpty ? "no host" : host): "
                + "OAuth requests go over https except to this machine", endpoint: OAuthError.place(url))
        }
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        let components = URLComponents(url: url, resolvingAgainstBaseURL: false)
        var path = components?.percentEncodedPath ?? "/"
        if path.isEmpty { path = "/" }
        if let query = components?.percentEncodedQuery { path += "?" + query }
        return Target(secure: scheme == "https", host: bare, port: url.port ?? (scheme == "https" ? 443 : 80), path: path)
    }

    /// Whether `host` is an IPv4 or IPv6 address rather than a name.
    static func isAddressLiteral(_ host: String) -> Bool {
        var v4 = in_addr()
        var v6 = in6_addr()
        return inet_pton(AF_INET, host, &v4) == 1 || inet_pton(AF_INET6, host, &v6) == 1
    }

    func perform(_ method: HTTPMethod, _ url: URL, headers: [(String, String)], body: [UInt8]?) throws(OAuthError) -> HTTPResponse {
        let endpoint = OAuthError.place(url)
        let target = try Self.target(url)
        do {
            return try exchange(method, target, headers: headers, body: body)
        } catch var error as OAuthError {
            error.endpoint = endpoint
            throw error
        } catch {
            throw OAuthError(kind: .transport, detail: "\(error)", endpoint: endpoint)
        }
    }

    private func exchange(_ method: HTTPMethod, _ target: Target, headers: [(String, String)], body: [UInt8]?) throws -> HTTPResponse {
        let group = MultiThreadedEventLoopGroup.singleton
        let limit = TimeAmount.milliseconds(Int64(timeout * 1000))
        let loop = group.next()
        let answer = loop.makePromise(of: HTTPResponse.self)
        let tls = try target.secure ? NIOSSLContext(configuration: .makeClientConfiguration()) : nil
        // SNI and the name check take a host name; an address literal is checked against the peer's address.
        let serverHostname = Self.isAddressLiteral(target.host) ? nil : target.host
        let bootstrap = ClientBootstrap(group: loop)
            .connectTimeout(limit)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tls {
                        try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: tls, serverHostname: serverHostname))
                    }
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    try channel.pipeline.syncOperations.addHandler(ResponseCollector(answer: answer))
                }
            }
        let expiry = loop.scheduleTask(in: limit) {
            answer.fail(OAuthError(kind: .transport, detail: "no answer within \(Int(timeout)) seconds", endpoint: ""))
        }
        let connecting = bootstrap.connect(host: target.host, port: target.port)
        connecting.whenFailure { answer.fail($0) }
        connecting.whenSuccess { channel in
            var head = HTTPRequestHead(version: .http1_1, method: method, uri: target.path)
            head.headers.add(name: "Host", value: target.hostHeader)
            head.headers.add(name: "Accept", value: "application/json")
            head.headers.add(name: "Connection", value: "close")
            for (name, value) in headers { head.headers.add(name: name, value: value) }
            if let body { head.headers.add(name: "Content-Length", value: String(body.count)) }
            channel.write(HTTPClientRequestPart.head(head), promise: nil)
            if let body { channel.write(HTTPClientRequestPart.body(.byteBuffer(channel.allocator.buffer(bytes: body))), promise: nil) }
            channel.writeAndFlush(HTTPClientRequestPart.end(nil)).whenFailure { answer.fail($0) }
            answer.futureResult.whenComplete { _ in channel.close(promise: nil) }
        }
        defer { expiry.cancel() }
        return try answer.futureResult.wait()
    }

    /// Gathers one response; fails the answer if the connection ends or breaks first.
    private final class ResponseCollector: ChannelInboundHandler, RemovableChannelHandler {
        typealias InboundIn = HTTPClientResponsePart

        private let answer: EventLoopPromise<HTTPResponse>
        private var head: HTTPResponseHead?
        private var body: [UInt8] = []

        init(answer: EventLoopPromise<HTTPResponse>) {
            self.answer = answer
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head(let head):
                self.head = head
            case .body(let buffer):
                guard body.count + buffer.readableBytes <= HTTPTransport.maximumBodyBytes else {
                    answer.fail(OAuthError(kind: .protocolViolation, detail: "an answer of more than \(HTTPTransport.maximumBodyBytes / 1024) KB",
                                           endpoint: ""))
                    context.close(promise: nil)
                    return
                }
                body.append(contentsOf: buffer.readableBytesView)
            case .end:
                guard let head else { return }
                var headers: [String: String] = [:]
                for (name, value) in head.headers {
                    let key = name.lowercased()
                    headers[key] = headers[key].map { $0 + ", " + value } ?? value
                }
                answer.succeed(HTTPResponse(status: Int(head.status.code), body: Data(body), headers: headers))
            }
        }

        func channelInactive(context: ChannelHandlerContext) {
            answer.fail(OAuthError(kind: .transport, detail: "the server closed the connection before its answer ended", endpoint: ""))
            context.fireChannelInactive()
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            answer.fail(error)
            context.close(promise: nil)
        }
    }
}
