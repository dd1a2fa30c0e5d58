import Foundation
import MailCore

extension IMAPMailbox {
    /// Why an `imaps://` URL could not be read.
    public struct URLError: Error, CustomStringConvertible, Equatable {
        public let description: String
    }

    /// Reads `imaps://USER@HOST[:PORT]/FOLDER` (TLS, port 993) or `imap://…` (STARTTLS, port 143).
    /// The user may contain `@` (the last one separates the host) or be percent-encoded; an IPv6
    /// host is bracketed; the folder defaults to INBOX and may be percent-encoded.
    public init(url text: String) throws(URLError) {
        let security: IMAPConnection.Security
        let rest: Substring
        if text.lowercased().hasPrefix("imaps://") {
            security = .tls
            rest = text.dropFirst(8)
        } else if text.lowercased().hasPrefix("imap://") {
            security = .startTLS
            rest = text.dropFirst(7)
        } else {
            throw URLError(description: "'\(text)' is not an IMAP URL: write imaps://USER@HOST[:PORT]/FOLDER "
                           + "(or imap:// for STARTTLS on port 143)")
        }
        let authority = rest.prefix(while: { $0 != "/" })
        let path = rest.dropFirst(authority.count).drop(while: { $0 == "/" })
        guard let at = authority.lastIndex(of: "@") else {
            throw URLError(description: "'\(text)' names no user: write imaps://USER@HOST/FOLDER")
        }
        let user = String(authority[..<at]).removingPercentEncoding ?? String(authority[..<at])
        guard !user.isEmpty else { throw URLError(description: "'\(text)' has an empty user name") }
        var hostPort = authority[authority.index(after: at)...]
        var host: String
        if hostPort.hasPrefix("[") {
            guard let close = hostPort.firstIndex(of: "]") else {
                throw URLError(description: "'\(text)': an IPv6 address needs its closing ]")
            }
            host = String(hostPort[hostPort.index(after: hostPort.startIndex)..<close])
            hostPort = hostPort[hostPort.index(after: close)...]
        } else {
            host = String(hostPort.prefix(while: { $0 != ":" }))
            hostPort = hostPort.dropFirst(host.count)
        }
        guard !host.isEmpty else { throw URLError(description: "'\(text)' names no host") }
        var port: UInt16 = security == .tls ? 993 : 143
        if hostPort.hasPrefix(":") {
            guard let number = UInt16(hostPort.dropFirst()), number > 0 else {
                throw URLError(description: "'\(text)': the port must be a number from 1 to 65535")
            }
            port = number
        } else if !hostPort.isEmpty {
            throw URLError(description: "'\(text)': unexpected '\(hostPort)' after the host")
        }
        host = host.lowercased()
        let folder = String(path).removingPercentEncoding ?? String(path)
        self.init(endpoint: IMAPConnection.Endpoint(host: host, port: port, security: security),
                  user: user, folder: folder.isEmpty ? "INBOX" : folder)
    }

    /// Whether the server is this machine (127.0.0.0/8, ::1, localhost): the only place plain-text
    /// IMAP is allowed.
    public var isLoopback: Bool {
        HostName.isLoopback(endpoint.host)
    }
}
