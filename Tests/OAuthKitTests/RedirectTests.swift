import Foundation
@testable import OAuthKit
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A token endpoint that redirects is not followed: a 307 would resend the form (a refresh token,
/// a client secret) to wherever it points.
@Suite("HTTPTransport and redirects")
struct RedirectTests {
    /// Answers every connection on 127.0.0.1 with a 307 to its own /elsewhere, counting requests.
    final class RedirectingServer: @unchecked Sendable {
        let fd: Int32
        let port: UInt16
        private let lock = NSLock()
        private var seen: [String] = []
        /// Bytes of a 200 answer's body instead of the redirect, when set.
        private let bodyBytes: Int?

        init(bodyBytes: Int? = nil) throws {
            self.bodyBytes = bodyBytes
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            self.fd = fd
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = 0
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
            }
            guard bound == 0, listen(fd, 8) == 0 else { throw POSIXError(.EADDRINUSE) }
            _ = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
            }
            port = UInt16(bigEndian: address.sin_port)
            Thread.detachNewThread { [self] in self.serve() }
        }

        var requests: [String] { lock.withLock { seen } }

        private func serve() {
            while true {
                let client = accept(fd, nil, nil)
                if client < 0 { return }
                var buffer = [UInt8](repeating: 0, count: 8192)
                let count = read(client, &buffer, buffer.count)
                let head = String(decoding: buffer.prefix(max(count, 0)), as: UTF8.self)
                // "\r\n" is one Character: cut at the bytes.
                let line = head.utf8.prefix(while: { $0 != 13 && $0 != 10 })
                lock.withLock { seen.append(String(decoding: line, as: UTF8.self)) }
                let reply = bodyBytes.map { "HTTP/1.1 200 OK\r\nContent-Length: \($0)\r\nConnection: close\r\n\r\n" + String(repeating: "x", count: $0) }
                    ?? "HTTP/1.1 307 Temporary Redirect\r\nLocation: http://127.0.0.1:\(port)/elsewhere\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                var bytes = Array(reply.utf8)[...]
                while !bytes.isEmpty {
                    // MSG_NOSIGNAL: a client that stops reading must not end the test process with SIGPIPE.
                    let written = bytes.withUnsafeBytes { send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                    if written <= 0 { break }
                    bytes = bytes.dropFirst(written)
                }
                close(client)
            }
        }
    }

    @Test func aRedirectIsNotFollowed() throws {
        let server = try RedirectingServer()
        defer { shutdown(server.fd, Int32(SHUT_RDWR)); close(server.fd) }
        let response = try HTTPTransport(timeout: 5).postForm(
            URL(string: "http://127.0.0.1:\(server.port)/token")!, fields: [("refresh_token", "secret-refresh")], basic: nil)
        #expect(response.status == 307)
        #expect(server.requests == ["POST /token HTTP/1.1"], "\(server.requests)")
    }

    /// https means TLS: a server that answers in plain HTTP is a failed handshake, never an answer.
    @Test func httpsNeverFallsBackToPlainHTTP() throws {
        let server = try RedirectingServer()
        defer { shutdown(server.fd, Int32(SHUT_RDWR)); close(server.fd) }
        do {
            let response = try HTTPTransport(timeout: 5).get(URL(string: "https://127.0.0.1:\(server.port)/token?x=1")!)
            Issue.record("a plain-HTTP server answered an https request: \(response)")
        } catch {
            #expect(error.kind == .transport)
            #expect(error.endpoint == "https://127.0.0.1:\(server.port)/token")
        }
    }

    /// Path and query go on the request line as written; the Host header names a port that is not the scheme's.
    @Test func theRequestLineAndHostAreTheURLs() throws {
        let target = try HTTPTransport.target(URL(string: "http://127.0.0.1:8080/a%20b/c?x=1&y=%2F")!)
        #expect(target.path == "/a%20b/c?x=1&y=%2F")
        #expect(target.hostHeader == "127.0.0.1:8080")
        #expect(try HTTPTransport.target(URL(string: "https://login.example.com")!).path == "/")
        #expect(try HTTPTransport.target(URL(string: "https://login.example.com:443/t")!).hostHeader == "login.example.com")
        #expect(try HTTPTransport.target(URL(string: "http://[::1]:9/t")!).hostHeader == "[::1]:9")
        // Names made of hex digits and dots are names (SNI and the certificate check use them).
        #expect(!HTTPTransport.isAddressLiteral("cafe.be") && !HTTPTransport.isAddressLiteral("login.example.com"))
        #expect(HTTPTransport.isAddressLiteral("127.0.0.1") && HTTPTransport.isAddressLiteral("::1")
            && HTTPTransport.isAddressLiteral("2001:db8::1"))
    }

    /// An answer larger than any OAuth endpoint's is refused, not read into memory without end.
    @Test func anOversizedAnswerIsRefused() throws {
        let server = try RedirectingServer(bodyBytes: HTTPTransport.maximumBodyBytes + 1)
        defer { shutdown(server.fd, Int32(SHUT_RDWR)); close(server.fd) }
        do {
            _ = try HTTPTransport(timeout: 5).get(URL(string: "http://127.0.0.1:\(server.port)/big")!)
            Issue.record("an answer of more than the limit was read")
        } catch {
            #expect(error.kind == .protocolViolation)
        }
        let small = try RedirectingServer(bodyBytes: 1000)
        defer { shutdown(small.fd, Int32(SHUT_RDWR)); close(small.fd) }
        #expect(try HTTPTransport(timeout: 5).get(URL(string: "http://127.0.0.1:\(small.port)/small")!).body.count == 1000)
    }
}
