import Foundation

/// Where a PostgreSQL event database is: `postgresql://USER@HOST[:PORT]/DB[?sslmode=…&sslrootcert=…]`
/// (also `postgres://`). A password in the URL is refused, so it never reaches a command line, a
/// process list or a log: it comes from a secret source or libpq's conventions (`PGPASSWORD`,
/// `~/.pgpass`). `description` is the URL without anything secret, for messages.
public struct PostgresLocation: Sendable, Equatable, CustomStringConvertible {
    public enum TLSMode: String, Sendable, CaseIterable {
        /// No TLS (loopback, or a socket the operator protects otherwise).
        case disable
        /// TLS, the server's certificate verified against the trust roots and its host name.
        case verifyFull = "verify-full"
    }

    public var user: String
    public var host: String
    public var port: Int
    public var database: String
    public var tls: TLSMode
    /// A PEM file of the certificate authorities to trust (libpq's `sslrootcert`); nil: the system's.
    public var rootCertificates: String?

    /// Whether `text` names a PostgreSQL database rather than a SQLite file.
    public static func isURL(_ text: String) -> Bool {
        text.hasPrefix("postgresql://") || text.hasPrefix("postgres://")
    }

    public struct Invalid: Error, CustomStringConvertible {
        public let description: String
    }

    public init(_ text: String) throws(Invalid) {
        func invalid(_ why: String) -> Invalid {
            Invalid(description: "'\(Self.redacted(text))' is not a PostgreSQL database URL: \(why). "
                    + "Write postgresql://USER@HOST[:PORT]/DATABASE[?sslmode=verify-full|disable]")
        }
        guard Self.isURL(text), let components = URLComponents(string: text) else {
            throw invalid("it does not parse as a URL")
        }
        if components.password != nil {
            throw invalid("a password does not belong in the URL (it would show in process lists and logs); "
                          + "give it with --db-password-file, $PGPASSWORD or ~/.pgpass")
        }
        guard let user = components.user, !user.isEmpty else { throw invalid("it names no user (USER@HOST)") }
        guard let host = components.host, !host.isEmpty else { throw invalid("it names no host") }
        let database = String(components.path.drop { $0 == "/" })
        guard !database.isEmpty, !database.contains("/") else { throw invalid("it names no database (/DATABASE)") }
        self.user = user.removingPercentEncoding ?? user
        self.host = host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host
        self.port = components.port ?? 5432
        self.database = database.removingPercentEncoding ?? database
        let loopback = ["127.0.0.1", "::1", "localhost"].contains(self.host)
        tls = loopback ? .disable : .verifyFull
        for item in components.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                switch item.value {
                case "disable": tls = .disable
                case "verify-full": tls = .verifyFull
                default:
                    throw invalid("sslmode=\(item.value ?? "") is not supported: use verify-full (TLS, certificate "
                                  + "and host name checked; the default for a host other than loopback) or disable")
                }
            case "sslrootcert": rootCertificates = item.value
            case "connect_timeout", "application_name": break
            default: throw invalid("unknown parameter '\(item.name)' (known: sslmode, sslrootcert)")
            }
        }
    }

    public var description: String {
        let host = self.host.contains(":") ? "[\(self.host)]" : self.host
        return "postgresql://\(user)@\(host):\(port)/\(database)"
    }

    /// `text` with anything after `user:` up to `@` replaced, for messages about a URL that did not parse.
    static func redacted(_ text: String) -> String {
        guard let scheme = text.range(of: "://"), let at = text[scheme.upperBound...].firstIndex(of: "@"),
              let colon = text[scheme.upperBound..<at].firstIndex(of: ":") else { return text }
        return String(text[..<colon]) + ":***" + String(text[at...])
    }
}
