import Foundation

/// A TCP listener on 127.0.0.1 that never accepts: connections complete in the kernel's backlog and
/// then hear nothing, like a server that hangs before its greeting.
final class SilentListener {
    let fd: Int32
    let port: UInt16

    init() throws {
        (fd, port) = try TestSockets.listen()
    }

    deinit {
        close(fd)
    }
}

/// Forwards TCP connections from a port on 127.0.0.1 to another, and cuts each connection (both
/// sides) once `limit` bytes have gone from the server to the client: a connection dropped in the
/// middle of a transfer.
final class DroppingProxy: @unchecked Sendable {
    let port: UInt16
    private let listener: Int32
    private let target: UInt16
    private let limit: Int

    init(to target: UInt16, dropAfter limit: Int) throws {
        (listener, port) = try TestSockets.listen()
        self.target = target
        self.limit = limit
        Thread.detachNewThread { [self] in acceptLoop() }
    }

    deinit {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    private func acceptLoop() {
        while true {
            let client = accept(listener, nil, nil)
            if client < 0 { return }
            let limit = self.limit, target = self.target
            Thread.detachNewThread { Self.pump(client: client, target: target, limit: limit) }
        }
    }

    private static func pump(client: Int32, target: UInt16, limit: Int) {
        defer { close(client) }
        guard let server = try? TestSockets.connect(port: target) else { return }
        defer { close(server) }
        var fds = [pollfd(fd: client, events: Int16(POLLIN), revents: 0), pollfd(fd: server, events: Int16(POLLIN), revents: 0)]
        var buffer = [UInt8](repeating: 0, count: 16384)
        var sent = 0
        while poll(&fds, 2, 30_000) > 0 {
            for (index, from) in [client, server].enumerated() where fds[index].revents != 0 {
                let count = read(from, &buffer, from == server ? min(buffer.count, max(1, limit - sent)) : buffer.count)
                if count <= 0 { return }
                let to = from == server ? client : server
                _ = buffer.withUnsafeBytes { write(to, $0.baseAddress, count) }
                if from == server {
                    sent += count
                    if sent >= limit {
                        shutdown(client, Int32(SHUT_RDWR))
                        return
                    }
                }
            }
        }
    }
}

enum TestSockets {
    struct Failure: Error {}

    static func listen() throws -> (Int32, UInt16) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 && Glibc.listen(fd, 16) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        guard fd >= 0, bound else { throw Failure() }
        return (fd, UInt16(bigEndian: address.sin_port))
    }

    static func connect(port: UInt16) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = port.bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
        guard fd >= 0, connected else { close(fd); throw Failure() }
        return fd
    }
}
