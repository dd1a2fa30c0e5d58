import Foundation

/// Why a server's certificate chain was not accepted. Each message names the host and says what a support
/// person can do about it.
public enum CertificateTrustError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The server sent no certificate at all.
    case emptyChain(host: String)
    /// The certificate at `index` of the chain (0 is the server's own) is not valid DER.
    case unparseable(host: String, index: Int, detail: String)
    /// The chain leads to no trusted root. `issuer` is the authority it ends at (for a self-signed
    /// certificate, the certificate's own subject).
    case untrusted(host: String, subject: String, issuer: String)
    /// The certificate is trusted but names other hosts: its DNS names and IP addresses (or, lacking
    /// those, its subject's common name).
    case hostnameMismatch(host: String, names: [String])
    /// The server's certificate expired at `notAfter`.
    case expired(host: String, notAfter: Date)
    /// The server's certificate is valid only from `notBefore`.
    case notYetValid(host: String, notBefore: Date)
    /// Any other failure, with the verifier's reasons.
    case rejected(host: String, reasons: [String])

    public var host: String {
        switch self {
        case .emptyChain(let host), .unparseable(let host, _, _), .untrusted(let host, _, _),
             .hostnameMismatch(let host, _), .expired(let host, _), .notYetValid(let host, _),
             .rejected(let host, _):
            host
        }
    }

    public var description: String {
        switch self {
        case .emptyChain(let host):
            return "the server for \(host) sent no certificate"
        case .unparseable(let host, 0, let detail):
            return "the server's certificate for \(host) cannot be parsed: \(detail)"
        case .unparseable(let host, let index, let detail):
            return "certificate \(index + 1) of the chain sent by the server for \(host) cannot be parsed: \(detail)"
        case .untrusted(let host, let subject, let issuer) where subject == issuer:
            return "the server's certificate for \(host) is self-signed (subject: \(subject)); "
                + "if the server is meant to use it, pass that certificate with --ca-file"
        case .untrusted(let host, _, let issuer):
            return "the server's certificate for \(host) is not issued by a trusted authority (issuer: \(issuer)); "
                + "if the server uses a private CA, pass its certificate with --ca-file"
        case .hostnameMismatch(let host, let names) where names.isEmpty:
            return "the server's certificate is not valid for \(host): it names no host"
        case .hostnameMismatch(let host, let names):
            return "the server's certificate is not valid for \(host) (it is for \(names.joined(separator: ", "))); "
                + "connect using one of those names"
        case .expired(let host, let notAfter):
            return "the server's certificate for \(host) expired on \(UTCTimestamp(notAfter)); "
                + "the server's administrator must renew it (or this machine's clock is wrong)"
        case .notYetValid(let host, let notBefore):
            return "the server's certificate for \(host) is not valid until \(UTCTimestamp(notBefore)); "
                + "check this machine's clock"
        case .rejected(let host, let reasons):
            return "the server's certificate for \(host) was rejected: \(reasons.joined(separator: "; "))"
        }
    }
}
