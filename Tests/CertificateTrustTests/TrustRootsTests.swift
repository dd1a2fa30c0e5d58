import CertificateTrust
import Foundation
import Testing
import X509

/// Loading trust roots: a `--ca-file` (one or more PEM certificates) and the system bundle.
@Suite("TrustRoots")
struct TrustRootsTests {
    /// The error `body` throws, which must be a `TrustRootsError`.
    private func failure(_ body: () throws -> Void) -> TrustRootsError? {
        do {
            try body()
            return nil
        } catch let error as TrustRootsError {
            return error
        } catch {
            Issue.record("unexpected error \(error)")
            return nil
        }
    }

    @Test func aFileOfSeveralCertificatesAmidOtherText() throws {
        let first = try TestAuthority.root("First CA")
        let second = try TestAuthority.root("Second CA")
        let file = try TemporaryFile(contents: "# private CAs\r\n" + first.certificate.pem + "\nsome comment\n"
                                     + second.certificate.pem.replacingOccurrences(of: "\n", with: "\r\n"))
        defer { file.remove() }
        let roots = try TrustRoots(pemFile: file.path)
        #expect(roots.certificates == [first.certificate, second.certificate])
    }

    @Test func aMissingFile() {
        let error = failure { _ = try TrustRoots(pemFile: "/nonexistent/ca.pem") }
        #expect(error == .missingFile(path: "/nonexistent/ca.pem"))
        #expect(error?.description == "the CA file /nonexistent/ca.pem does not exist")
    }

    @Test func aDirectory() throws {
        let file = try TemporaryFile(contents: "")
        defer { file.remove() }
        let error = failure { _ = try TrustRoots(pemFile: file.directory.path) }
        #expect(error == .unreadableFile(path: file.directory.path, detail: "it is a directory"))
        #expect(error?.description == "cannot read the CA file \(file.directory.path): it is a directory")
    }

    @Test(arguments: ["", "not a certificate\n", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"])
    func aFileWithoutCertificates(_ contents: String) throws {
        let file = try TemporaryFile(contents: contents)
        defer { file.remove() }
        let error = failure { _ = try TrustRoots(pemFile: file.path) }
        #expect(error == .noCertificates(path: file.path))
        #expect(error?.description == "the CA file \(file.path) holds no certificate "
                + "(expected PEM blocks starting with -----BEGIN CERTIFICATE-----)")
    }

    @Test func aCertificateThatDoesNotParseIsNamedByNumberAndLine() throws {
        let good = try TestAuthority.root().certificate.pem
        let badLine = good.split(separator: "\n").count + 1
        let file = try TemporaryFile(contents: good + "\n-----BEGIN CERTIFICATE-----\nMAMCAQ==\n-----END CERTIFICATE-----\n")
        defer { file.remove() }
        let error = failure { _ = try TrustRoots(pemFile: file.path) }
        guard case .unparseableCertificate(let path, 2, let line, _) = error else {
            Issue.record("expected certificate 2 to be unparseable, got \(String(describing: error))")
            return
        }
        #expect(path == file.path)
        #expect(line == badLine)
        #expect(error?.description.hasPrefix("certificate 2 in the CA file \(file.path) (line \(badLine)) cannot be parsed: ") == true)
    }

    @Test func aBodyThatIsNotBase64() throws {
        let file = try TemporaryFile(contents: "-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n")
        defer { file.remove() }
        let error = failure { _ = try TrustRoots(pemFile: file.path) }
        #expect(error == .unparseableCertificate(path: file.path, index: 1, line: 1, detail: "its body is not valid base64"))
    }

    @Test func aCertificateWithoutItsEndLine() throws {
        let pem = try TestAuthority.root().certificate.pem
        let file = try TemporaryFile(contents: String(pem.prefix(while: { $0 != "=" && $0 != "\n" })) + "\n"
                                     + pem.split(separator: "\n").dropFirst().dropLast().joined(separator: "\n"))
        defer { file.remove() }
        let error = failure { _ = try TrustRoots(pemFile: file.path) }
        #expect(error == .unparseableCertificate(path: file.path, index: 1, line: 1,
                                                 detail: "no -----END CERTIFICATE----- line after it"))
    }

    /// The machine's bundle loads, or its absence is reported as such (CI machines may lack ca-certificates).
    @Test func systemRootsLoadOrSayWhyNot() {
        do {
            let roots = try TrustRoots.system()
            #expect(roots.certificates.count > 0)
        } catch {
            #expect(error == .noSystemRoots(searched: TrustRoots.systemBundlePaths))
        }
    }

    @Test func noSystemBundle() throws {
        let empty = try TemporaryFile(contents: "no certificates here\n")
        defer { empty.remove() }
        let error = failure { _ = try TrustRoots.system(searchPaths: ["/nonexistent/bundle.crt", empty.path]) }
        #expect(error == .noSystemRoots(searched: ["/nonexistent/bundle.crt", empty.path]))
        #expect(error?.description == "no system trust roots found (looked for /nonexistent/bundle.crt, \(empty.path)); "
                + "install the ca-certificates package, or pass the server's CA certificate with --ca-file")
    }

    /// In a system bundle a certificate that does not parse is skipped rather than failing every check.
    @Test func theSystemBundleSkipsABadCertificate() throws {
        let root = try TestAuthority.root()
        let file = try TemporaryFile(contents: "-----BEGIN CERTIFICATE-----\nMAMCAQ==\n-----END CERTIFICATE-----\n" + root.certificate.pem)
        defer { file.remove() }
        let roots = try TrustRoots.system(searchPaths: ["/nonexistent/bundle.crt", file.path])
        #expect(roots.certificates == [root.certificate])
    }

    @Test func rootsAdded() throws {
        let first = try TestAuthority.root("First CA").certificate
        let second = try TestAuthority.root("Second CA").certificate
        #expect(TrustRoots(certificates: [first]).adding(TrustRoots(certificates: [second])).certificates == [first, second])
    }
}
