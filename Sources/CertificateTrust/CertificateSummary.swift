import Foundation
import SwiftASN1
import X509

/// What a support person needs to know about a certificate: who it is for, who issued it, when it is valid.
/// Used in error messages and in the log line of a connection made with `--insecure`.
public struct CertificateSummary: Equatable, Sendable, CustomStringConvertible {
    /// The subject's distinguished name, most significant last (`CN=imap.example.com,O=Example`).
    public var subject: String
    /// The issuer's distinguished name.
    public var issuer: String
    /// The DNS names and IP addresses of the subject alternative names, in certificate order.
    public var names: [String]
    public var notBefore: Date
    public var notAfter: Date

    public init(_ certificate: Certificate) {
        subject = String(describing: certificate.subject)
        issuer = String(describing: certificate.issuer)
        names = Self.alternativeNames(of: certificate)
        notBefore = certificate.notValidBefore
        notAfter = certificate.notValidAfter
    }

    /// The summary of a chain's leaf (its first certificate); `nil` when the chain is empty or the leaf
    /// does not parse.
    public static func leaf(of derChain: [[UInt8]]) -> CertificateSummary? {
        guard let der = derChain.first, let leaf = try? Certificate(derEncoded: der) else { return nil }
        return CertificateSummary(leaf)
    }

    /// The line to log when a connection goes on without verification (`--insecure`):
    /// `accepting unverified certificate for HOST: subject …, issuer …, names …, valid … to …`.
    public static func unverifiedNotice(host: String, chain derChain: [[UInt8]]) -> String {
        let what: String
        if derChain.isEmpty {
            what = "the server sent no certificate"
        } else if let summary = leaf(of: derChain) {
            what = summary.description
        } else {
            what = "the server's certificate cannot be parsed"
        }
        return "accepting unverified certificate for \(host): \(what)"
    }

    public var description: String {
        let names = names.isEmpty ? "no names" : "names \(names.joined(separator: ", "))"
        return "subject \(subject), issuer \(issuer), \(names), "
            + "valid \(UTCTimestamp(notBefore)) to \(UTCTimestamp(notAfter))"
    }

    /// DNS names and IP addresses of the subject alternative name extension (an unparseable one gives none).
    static func alternativeNames(of certificate: Certificate) -> [String] {
        guard let alternativeNames = try? certificate.extensions.subjectAlternativeNames else { return [] }
        return alternativeNames.compactMap { name in
            switch name {
            case .dnsName(let dnsName): dnsName
            case .ipAddress(let address): IPAddressText(Array(address.bytes)).description
            default: nil
            }
        }
    }

    /// The names a host is matched against, as RFC 6125 §6.4.4 has it: the alternative names or, when the
    /// certificate has none, the subject's last common name.
    static func identityNames(of certificate: Certificate) -> [String] {
        let names = alternativeNames(of: certificate)
        if !names.isEmpty { return names }
        for rdn in certificate.subject.reversed() {
            for attribute in rdn.reversed() where attribute.type == .RDNAttributeType.commonName {
                if let commonName = String(attribute.value) { return [commonName] }
            }
        }
        return []
    }
}
