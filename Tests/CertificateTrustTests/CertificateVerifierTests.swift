import CertificateTrust
import Foundation
import SwiftASN1
import Testing
import X509

/// Chains made in the test, verified against roots from a PEM file or given directly, at `TestAuthority.now`.
@Suite("CertificateVerifier")
struct CertificateVerifierTests {
    private func verifier(trusting roots: Certificate...) -> CertificateVerifier {
        CertificateVerifier(roots: TrustRoots(certificates: roots), now: { TestAuthority.now })
    }

    /// The error `body` throws, which must be a `CertificateTrustError`.
    private func failure(_ body: () throws -> Void) -> CertificateTrustError? {
        do {
            try body()
            return nil
        } catch let error as CertificateTrustError {
            return error
        } catch {
            Issue.record("unexpected error \(error)")
            return nil
        }
    }

    @Test func validChainWithRootsFromACAFile() throws {
        let root = try TestAuthority.root()
        let leaf = try root.server()
        let file = try TemporaryFile(contents: root.certificate.pem)
        defer { file.remove() }
        let verifier = CertificateVerifier(roots: try TrustRoots(pemFile: file.path), now: { TestAuthority.now })
        let summary = try verifier.verify(chain: [leaf.der], host: "localhost")
        #expect(summary.subject == "CN=localhost")
        #expect(summary.issuer == "CN=MailEvents Test Root CA,O=MailEvents tests")
        #expect(summary.names == ["localhost", "127.0.0.1", "::1"])
    }

    @Test func validChainThroughAnIntermediate() throws {
        let root = try TestAuthority.root()
        let intermediate = try root.intermediate()
        let leaf = try intermediate.server()
        try verifier(trusting: root.certificate).verify(chain: [leaf.der, intermediate.certificate.der], host: "localhost")
    }

    @Test func aServerThatSendsTheRootTooIsAccepted() throws {
        let root = try TestAuthority.root()
        let intermediate = try root.intermediate()
        let leaf = try intermediate.server()
        try verifier(trusting: root.certificate).verify(
            chain: [leaf.der, intermediate.certificate.der, root.certificate.der], host: "localhost")
    }

    @Test func anUnknownAuthorityIsUntrusted() throws {
        let known = try TestAuthority.root()
        let unknown = try TestAuthority.root("Foo CA")
        let leaf = try unknown.server("imap.example.com", names: [.dnsName("imap.example.com")])
        let error = failure { try verifier(trusting: known.certificate).verify(chain: [leaf.der], host: "imap.example.com") }
        #expect(error == .untrusted(host: "imap.example.com", subject: "CN=imap.example.com",
                                    issuer: "CN=Foo CA,O=MailEvents tests"))
        #expect(error?.description == "the server's certificate for imap.example.com is not issued by a trusted "
                + "authority (issuer: CN=Foo CA,O=MailEvents tests); if the server uses a private CA, pass its "
                + "certificate with --ca-file")
    }

    /// The untrusted authority named is the one the sent chain ends at, not the leaf's direct issuer.
    @Test func anUnknownRootBehindAnIntermediateIsNamed() throws {
        let unknown = try TestAuthority.root("Foo Root CA")
        let intermediate = try unknown.intermediate("Foo Issuing CA")
        let leaf = try intermediate.server()
        let error = failure {
            try verifier(trusting: try TestAuthority.root().certificate)
                .verify(chain: [leaf.der, intermediate.certificate.der], host: "localhost")
        }
        #expect(error == .untrusted(host: "localhost", subject: "CN=localhost", issuer: "CN=Foo Root CA,O=MailEvents tests"))
    }

    @Test func aMissingIntermediateLeavesTheChainUntrusted() throws {
        let root = try TestAuthority.root()
        let intermediate = try root.intermediate()
        let leaf = try intermediate.server()
        let error = failure { try verifier(trusting: root.certificate).verify(chain: [leaf.der], host: "localhost") }
        #expect(error == .untrusted(host: "localhost", subject: "CN=localhost",
                                    issuer: "CN=MailEvents Test Intermediate CA,O=MailEvents tests"))
    }

    /// A certificate naming a trusted authority as its issuer, signed by another key (a forgery).
    @Test func aCertificateNotSignedByTheAuthorityItNames() throws {
        let trusted = try TestAuthority.root("Example CA")
        let impostor = try TestAuthority.root("Example CA")
        let leaf = try impostor.server()
        let error = failure { try verifier(trusting: trusted.certificate).verify(chain: [leaf.der], host: "localhost") }
        #expect(error == .rejected(host: "localhost", reasons: [
            "it claims to be issued by CN=Example CA,O=MailEvents tests, but that trusted authority's key did not sign it",
        ]))
    }

    @Test func aSelfSignedCertificateIsUntrustedUnlessGivenAsARoot() throws {
        let selfSigned = try TestAuthority.root("localhost")
        let error = failure { try verifier(trusting: try TestAuthority.root().certificate).verify(chain: [selfSigned.certificate.der], host: "localhost") }
        #expect(error == .untrusted(host: "localhost", subject: "CN=localhost,O=MailEvents tests",
                                    issuer: "CN=localhost,O=MailEvents tests"))
        #expect(error?.description == "the server's certificate for localhost is self-signed (subject: "
                + "CN=localhost,O=MailEvents tests); if the server is meant to use it, pass that certificate with --ca-file")
        // No SAN: the common name is matched.
        try verifier(trusting: selfSigned.certificate).verify(chain: [selfSigned.certificate.der], host: "localhost")
    }

    @Test func aHostNotNamedInTheCertificateIsAMismatch() throws {
        let root = try TestAuthority.root()
        let leaf = try root.server()
        let error = failure { try verifier(trusting: root.certificate).verify(chain: [leaf.der], host: "imap.example.com") }
        #expect(error == .hostnameMismatch(host: "imap.example.com", names: ["localhost", "127.0.0.1", "::1"]))
        #expect(error?.description == "the server's certificate is not valid for imap.example.com (it is for "
                + "localhost, 127.0.0.1, ::1); connect using one of those names")
    }

    @Test(arguments: ["localhost", "LOCALHOST", "localhost.", "127.0.0.1", "::1", "[::1]", "0:0:0:0:0:0:0:1", " localhost "])
    func hostsNamedInTheCertificateMatch(_ host: String) throws {
        let root = try TestAuthority.root()
        try verifier(trusting: root.certificate).verify(chain: [try root.server().der], host: host)
    }

    /// An IP host matches IP addresses only, never a DNS name written like it (nor the reverse).
    @Test(arguments: [
        ("127.0.0.2", "127.0.0.2"), ("::2", "::2"), ("[::2]", "::2"), ("localhost.localdomain", "localhost.localdomain"),
        ("127.0.0.1.example", "127.0.0.1.example"),
    ])
    func hostsNotNamedInTheCertificateDoNotMatch(_ host: String, _ shown: String) throws {
        let root = try TestAuthority.root()
        let error = failure { try verifier(trusting: root.certificate).verify(chain: [try root.server().der], host: host) }
        #expect(error == .hostnameMismatch(host: shown, names: ["localhost", "127.0.0.1", "::1"]))
    }

    @Test func anIPAddressWrittenAsADNSNameDoesNotMatchAnIPHost() throws {
        let root = try TestAuthority.root()
        let leaf = try root.server("127.0.0.1", names: [.dnsName("127.0.0.1")])
        let error = failure { try verifier(trusting: root.certificate).verify(chain: [leaf.der], host: "127.0.0.1") }
        #expect(error == .hostnameMismatch(host: "127.0.0.1", names: ["127.0.0.1"]))
    }

    @Test func wildcardNamesMatchOneLabel() throws {
        let root = try TestAuthority.root()
        let leaf = try root.server("*.example.com", names: [.dnsName("*.example.com")])
        try verifier(trusting: root.certificate).verify(chain: [leaf.der], host: "imap.example.com")
        let error = failure { try verifier(trusting: root.certificate).verify(chain: [leaf.der], host: "a.b.example.com") }
        #expect(error == .hostnameMismatch(host: "a.b.example.com", names: ["*.example.com"]))
    }

    @Test func anExpiredCertificate() throws {
        let root = try TestAuthority.root()
        let notAfter = TestAuthority.now - 2 * TestAuthority.day
        let leaf = try root.server(notBefore: notAfter - 90 * TestAuthority.day, notAfter: notAfter)
        let error = failure { try verifier(trusting: root.certificate).verify(chain: [leaf.der], host: "localhost") }
        #expect(error == .expired(host: "localhost", notAfter: notAfter))
        #expect(error?.description == "the server's certificate for localhost expired on 2026-01-13 12:00:00 UTC; "
                + "the server's administrator must renew it (or this machine's clock is wrong)")
    }

    @Test func aCertificateNotYetValid() throws {
        let root = try TestAuthority.root()
        let notBefore = TestAuthority.now + TestAuthority.day
        let leaf = try root.server(notBefore: notBefore, notAfter: notBefore + 90 * TestAuthority.day)
        let error = failure { try verifier(trusting: root.certificate).verify(chain: [leaf.der], host: "localhost") }
        #expect(error == .notYetValid(host: "localhost", notBefore: notBefore))
        #expect(error?.description == "the server's certificate for localhost is not valid until 2026-01-16 12:00:00 UTC; "
                + "check this machine's clock")
    }

    /// Without `now`, the verifier reads the clock, at each verification.
    @Test func theDefaultClockIsTheSystemClock() throws {
        let root = try TestAuthority.root()
        let current = Date()
        let valid = try root.server(notBefore: current - TestAuthority.day, notAfter: current + TestAuthority.day)
        let expired = try root.server(notBefore: current - 3 * TestAuthority.day, notAfter: current - TestAuthority.day)
        let verifier = CertificateVerifier(roots: TrustRoots(certificates: [root.certificate]))
        try verifier.verify(chain: [valid.der], host: "localhost")
        let error = failure { try verifier.verify(chain: [expired.der], host: "localhost") }
        #expect(error == .expired(host: "localhost", notAfter: expired.notValidAfter))
    }

    @Test func anExpiredIntermediateIsRejected() throws {
        let root = try TestAuthority.root()
        let intermediate = try root.intermediate(notBefore: TestAuthority.now - 400 * TestAuthority.day,
                                                 notAfter: TestAuthority.now - 10 * TestAuthority.day)
        let leaf = try intermediate.server()
        let error = failure {
            try verifier(trusting: root.certificate).verify(chain: [leaf.der, intermediate.certificate.der], host: "localhost")
        }
        #expect(error == .rejected(host: "localhost", reasons: [
            "the certificate of its issuer CN=MailEvents Test Intermediate CA,O=MailEvents tests expired on 2026-01-05 12:00:00 UTC",
        ]))
    }

    @Test func aClientCertificateIsNotAServerCertificate() throws {
        let root = try TestAuthority.root()
        let leaf = try root.server(usage: [.clientAuth])
        let error = failure { try verifier(trusting: root.certificate).verify(chain: [leaf.der], host: "localhost") }
        guard case .rejected(let host, let reasons) = error else {
            Issue.record("expected a rejection, got \(String(describing: error))")
            return
        }
        #expect(host == "localhost")
        #expect(reasons.count == 1)
        #expect(reasons.first?.hasPrefix("the certificate CN=localhost is not meant for TLS servers") == true)
    }

    @Test func anUnknownCriticalExtensionIsRejected() throws {
        let root = try TestAuthority.root()
        let leaf = try root.server(extra: Certificate.Extension(oid: [1, 3, 6, 1, 4, 1, 55555, 1], critical: true, value: [0x05, 0x00]))
        let error = failure { try verifier(trusting: root.certificate).verify(chain: [leaf.der], host: "localhost") }
        #expect(error == .rejected(host: "localhost", reasons: ["it has critical extensions this program cannot check (1.3.6.1.4.1.55555.1)"]))
    }

    @Test func anEmptyChain() {
        let error = failure { try CertificateVerifier(roots: TrustRoots(certificates: [])).verify(chain: [], host: "imap.example.com") }
        #expect(error == .emptyChain(host: "imap.example.com"))
        #expect(error?.description == "the server for imap.example.com sent no certificate")
    }

    @Test func garbageIsUnparseable() throws {
        let root = try TestAuthority.root()
        let leaf = try root.server()
        let garbage: [UInt8] = [0x30, 0x03, 0x02, 0x01]
        let first = failure { try verifier(trusting: root.certificate).verify(chain: [garbage], host: "localhost") }
        #expect(first == .unparseable(host: "localhost", index: 0, detail: "not a DER-encoded certificate (truncatedASN1Field)"))
        #expect(first?.description == "the server's certificate for localhost cannot be parsed: "
                + "not a DER-encoded certificate (truncatedASN1Field)")

        let second = failure { try verifier(trusting: root.certificate).verify(chain: [leaf.der, []], host: "localhost") }
        guard case .unparseable(_, 1, _) = second else {
            Issue.record("expected the second certificate to be unparseable, got \(String(describing: second))")
            return
        }
        #expect(second?.description.hasPrefix("certificate 2 of the chain sent by the server for localhost cannot be parsed: ") == true)
    }

    /// Verifications run side by side (as tests do, on Swift's cooperative pool) finish: none waits on a
    /// thread another one blocks.
    @Test func concurrentVerificationsFinish() async throws {
        let root = try TestAuthority.root()
        let chain = [try root.server().der]
        let verifier = verifier(trusting: root.certificate)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<16 {
                group.addTask { try verifier.verify(chain: chain, host: "localhost") }
            }
            try await group.waitForAll()
        }
    }
}
