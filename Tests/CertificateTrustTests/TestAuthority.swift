import Crypto
import Foundation
import SwiftASN1
import X509

/// A certificate authority made for a test (a P-256 key and its certificate), which issues intermediates
/// and server certificates. Dates are relative to `TestAuthority.now`, the time the verifier is given.
struct TestAuthority {
    /// 2026-01-15 12:00:00 UTC.
    static let now = Date(timeIntervalSince1970: 1_768_478_400)
    static let day: TimeInterval = 86_400

    /// DNS `localhost`, IPv4 `127.0.0.1` and IPv6 `::1`.
    static let localhostNames: [GeneralName] = [
        .dnsName("localhost"),
        .ipAddress(ASN1OctetString(contentBytes: [127, 0, 0, 1])),
        .ipAddress(ASN1OctetString(contentBytes: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1])),
    ]

    let key: P256.Signing.PrivateKey
    let certificate: Certificate

    var name: DistinguishedName { certificate.subject }

    /// A self-signed root: basic constraints CA (critical), key usage keyCertSign and cRLSign (critical).
    static func root(_ commonName: String = "MailEvents Test Root CA") throws -> TestAuthority {
        let key = P256.Signing.PrivateKey()
        let name = try DistinguishedName {
            OrganizationName("MailEvents tests")
            CommonName(commonName)
        }
        let certificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: .init(key.publicKey),
            notValidBefore: now - 20 * 365 * day, notValidAfter: now + 50 * 365 * day,
            issuer: name, subject: name, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try authorityExtensions(), issuerPrivateKey: .init(key))
        return TestAuthority(key: key, certificate: certificate)
    }

    /// An intermediate authority issued by this one.
    func intermediate(_ commonName: String = "MailEvents Test Intermediate CA",
                      notBefore: Date = now - 30 * day, notAfter: Date = now + 1000 * day) throws -> TestAuthority {
        let key = P256.Signing.PrivateKey()
        let name = try DistinguishedName {
            OrganizationName("MailEvents tests")
            CommonName(commonName)
        }
        let certificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: .init(key.publicKey),
            notValidBefore: notBefore, notValidAfter: notAfter,
            issuer: self.name, subject: name, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Self.authorityExtensions(), issuerPrivateKey: .init(self.key))
        return TestAuthority(key: key, certificate: certificate)
    }

    /// A server certificate issued by this authority: subject `CN=<commonName>`, the given alternative names,
    /// basic constraints not-CA and key usage digitalSignature (both critical), extended key usage `usage`.
    func server(_ commonName: String = "localhost", names: [GeneralName] = localhostNames,
                usage: [ExtendedKeyUsage.Usage] = [.serverAuth],
                notBefore: Date = now - day, notAfter: Date = now + 90 * day,
                extra: Certificate.Extension? = nil) throws -> Certificate {
        let key = P256.Signing.PrivateKey()
        let subject = try DistinguishedName { CommonName(commonName) }
        let extensions = try Certificate.Extensions {
            Critical(BasicConstraints.notCertificateAuthority)
            Critical(KeyUsage(digitalSignature: true))
            try ExtendedKeyUsage(usage)
            if !names.isEmpty {
                SubjectAlternativeNames(names)
            }
            if let extra {
                extra
            }
        }
        return try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: .init(key.publicKey),
            notValidBefore: notBefore, notValidAfter: notAfter,
            issuer: name, subject: subject, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: extensions, issuerPrivateKey: .init(self.key))
    }

    private static func authorityExtensions() throws -> Certificate.Extensions {
        try Certificate.Extensions {
            Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil))
            Critical(KeyUsage(keyCertSign: true, cRLSign: true))
        }
    }
}

extension Certificate {
    /// The DER encoding, as a TLS library hands it over.
    var der: [UInt8] {
        var serializer = DER.Serializer()
        try! serializer.serialize(self)
        return serializer.serializedBytes
    }

    var pem: String {
        try! serializeAsPEM().pemString
    }
}

/// A file in a fresh temporary directory, removed with it by `remove()`.
struct TemporaryFile {
    let directory: URL
    let path: String

    init(named name: String = "ca.pem", contents: String) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("trust-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        path = directory.appendingPathComponent(name).path
        try Data(contents.utf8).write(to: URL(fileURLWithPath: path))
    }

    func remove() {
        try? FileManager.default.removeItem(at: directory)
    }
}
