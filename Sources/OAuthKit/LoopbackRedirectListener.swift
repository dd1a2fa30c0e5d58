import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A one-shot HTTP server on 127.0.0.1 that receives the browser's redirect (RFC 8252 §7.3).
/// Plain POSIX sockets and poll(): no threads, no event loop. It keeps several connections open at
/// once and serves whichever completes a request, because browsers pre-connect speculative sockets
/// and port scanners connect and say nothing; neither may stall or kill the sign-in.
final class LoopbackRedirectListener: @unchecked Sendable {
    /// A request's head larger than this is junk: answered 431 and closed.
    static let maxHeadBytes = 8192
    /// More idle connections than this and the oldest is dropped.
    static let maxConnections = 16

    let port: UInt16
    private var listener: Int32
    private var connections: [Connection] = []

    /// One accepted socket and what it has sent so far.
    private struct Connection {
        var fd: Int32
        var head: [UInt8] = []
    }

    /// A request for the redirect path, still open so it can be answered.
    struct Redirect {
        let query: [String: String]
        let fd: Int32
    }

    /// Binds 127.0.0.1:`port` (0: any free port) with SO_REUSEADDR and listens.
    init(port: UInt16) throws(OAuthError) {
        let endpoint = "http://127.0.0.1:\(port)/"
        #if os(Linux)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw Self.failure("socket", endpoint) }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 16) == 0 else {
            let error = Self.failure("bind", endpoint)
            closeDescriptor(fd)
            throw error
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        Self.makeNonBlocking(fd)
        listener = fd
        self.port = UInt16(bigEndian: actual.sin_port)
    }

    deinit { close() }

    /// Waits until a GET for `path` arrives and returns it, answering any other request with 404
    /// (favicon) or 405 and dropping connections that send junk. Polls every 100 ms for `isCancelled`.
    /// `endpoint` names the sign-in in errors (the provider's authorization endpoint).
    func next(path: String, deadline: Date, endpoint: String, isCancelled: () -> Bool) throws(OAuthError) -> Redirect {
        while true {
            if isCancelled() { throw OAuthError(kind: .cancelled, endpoint: endpoint) }
            let left = deadline.timeIntervalSinceNow
            if left <= 0 { throw OAuthError(kind: .timedOut, detail: "no redirect from the browser", endpoint: endpoint) }
            var fds = [pollfd(fd: listener, events: Int16(POLLIN), revents: 0)]
            fds += connections.map { pollfd(fd: $0.fd, events: Int16(POLLIN), revents: 0) }
            let ready = poll(&fds, nfds_t(fds.count), Int32(min(100, max(1, left * 1000))))
            if ready < 0 {
                if errno == EINTR { continue }
                throw Self.failure("poll", endpoint)
            }
            if ready == 0 { continue }
            // Read the clients first (indices shift when one closes, so walk backwards).
            for index in stride(from: connections.count - 1, through: 0, by: -1) where fds[index + 1].revents != 0 {
                if let redirect = read(at: index, path: path) { return redirect }
            }
            if fds[0].revents & Int16(POLLIN) != 0 { acceptAll() }
        }
    }

    /// Sends a complete HTTP/1.1 response with an HTML body and closes the connection.
    func respond(_ fd: Int32, status: Int, reason: String, html: String) {
        let body = Array(html.utf8)
        let head = "HTTP/1.1 \(status) \(reason)\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: \(body.count)\r\n"
            + "Cache-Control: no-store\r\nConnection: close\r\n\r\n"
        send(fd, Array(head.utf8) + body)
        closeDescriptor(fd)
    }

    /// Closes the listener and every open connection; safe to call twice.
    func close() {
        for connection in connections { closeDescriptor(connection.fd) }
        connections.removeAll()
        if listener >= 0 {
            closeDescriptor(listener)
            listener = -1
        }
    }

    private func acceptAll() {
        while true {
            let fd = accept(listener, nil, nil)
            if fd < 0 { return }
            Self.makeNonBlocking(fd)
            if connections.count >= Self.maxConnections {
                closeDescriptor(connections.removeFirst().fd)
            }
            connections.append(Connection(fd: fd))
        }
    }

    /// Reads what connection `index` has sent; returns the redirect once a matching request head is complete.
    private func read(at index: Int, path: String) -> Redirect? {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = recv(connections[index].fd, &buffer, buffer.count, 0)
        if count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) { return nil }
        guard count > 0 else {
            drop(index)
            return nil
        }
        connections[index].head += buffer[0..<count]
        let fd = connections[index].fd
        guard let end = Self.headEnd(connections[index].head) else {
            if connections[index].head.count > Self.maxHeadBytes {
                connections.remove(at: index)
                respond(fd, status: 431, reason: "Request Header Fields Too Large", html: "")
            }
            return nil
        }
        // The request line, cut at the first CR or LF byte (as Characters, "\r\n" is one, equal to neither).
        let head = connections[index].head[0..<end]
        let lineEnd = head.firstIndex(where: { $0 == 13 || $0 == 10 }) ?? end
        connections.remove(at: index)
        let words = String(decoding: head[..<lineEnd], as: UTF8.self).split(separator: " ")
        guard words.count == 3, words[2].hasPrefix("HTTP/") else {
            respond(fd, status: 400, reason: "Bad Request", html: "")
            return nil
        }
        let target = words[1]
        let requestPath = String(target.prefix(while: { $0 != "?" }))
        let query = target.firstIndex(of: "?").map { String(target[target.index(after: $0)...]) } ?? ""
        guard requestPath == path else {
            respond(fd, status: 404, reason: "Not Found", html: "")
            return nil
        }
        guard words[0] == "GET" else {
            respond(fd, status: 405, reason: "Method Not Allowed", html: "")
            return nil
        }
        return Redirect(query: FormEncoding.decode(query), fd: fd)
    }

    private func drop(_ index: Int) {
        closeDescriptor(connections[index].fd)
        connections.remove(at: index)
    }

    /// The index just past "\r\n\r\n" (or "\n\n"), if the head is complete.
    private static func headEnd(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 2 else { return nil }
        for index in 1..<bytes.count where bytes[index] == 10 {
            if bytes[index - 1] == 10 { return index + 1 }
            if index >= 3, bytes[index - 1] == 13, bytes[index - 2] == 10, bytes[index - 3] == 13 { return index + 1 }
        }
        return nil
    }

    /// Writes everything, waiting up to a second at a time for a full socket buffer; gives up on a dead peer.
    private func send(_ fd: Int32, _ bytes: [UInt8]) {
        #if os(Linux)
        let flags = Int32(MSG_NOSIGNAL)
        #else
        let flags: Int32 = 0
        #endif
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { sendBytes(fd, $0.baseAddress, $0.count, flags) }
            if sent > 0 {
                offset += sent
            } else if sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) {
                var waiting = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
                if poll(&waiting, 1, 1000) <= 0 { return }
            } else {
                return
            }
        }
    }

    private static func makeNonBlocking(_ fd: Int32) {
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
    }

    private static func failure(_ call: String, _ endpoint: String) -> OAuthError {
        OAuthError(kind: .transport, detail: "cannot listen on 127.0.0.1 (\(call)): \(String(cString: strerror(errno)))",
                   endpoint: endpoint)
    }
}

/// close(2) and send(2) under names the class's own methods do not shadow.
private func closeDescriptor(_ fd: Int32) {
    _ = close(fd)
}

private func sendBytes(_ fd: Int32, _ bytes: UnsafeRawPointer?, _ count: Int, _ flags: Int32) -> Int {
    send(fd, bytes, count, flags)
}
