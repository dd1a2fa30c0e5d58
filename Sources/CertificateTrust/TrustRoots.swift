import Foundation
import SwiftASN1
import X509

/// The certificates a server's chain must lead to: the system's bundle, a `--ca-file`, or both.
public struct TrustRoots: Sendable {
    /// The trusted certificates, in file order.
    public let certificates: [Certificate]

    public init(certificates: [Certificate]) {
        self.certificates = certificates
    }

    /// Where Linux distributions (and macOS, for OpenSSL's use) keep the PEM bundle of trusted roots.
    /// swift-certificates' `CertificateStore.systemTrustRoots` reads the first two of these, but loads them in
    /// the background and, when none exists, silently trusts nothing; reading them here lets `system()` say so.
    public static let systemBundlePaths = [
        "/etc/ssl/certs/ca-certificates.crt",  // Debian, Ubuntu, Arch, Alpine (ca-certificates)
        "/etc/pki/tls/certs/ca-bundle.crt",  // Fedora, RHEL
        "/etc/ssl/ca-bundle.pem",  // openSUSE
        "/etc/ssl/cert.pem",  // Alpine, macOS, BSDs
    ]

    /// The system's trusted roots: the first bundle of `searchPaths` that exists and holds certificates.
    /// A certificate in it that does not parse is skipped, so that one odd root does not stop all checks.
    /// - Throws: `TrustRootsError.noSystemRoots` when no such bundle is found.
    public static func system(searchPaths: [String] = systemBundlePaths) throws(TrustRootsError) -> TrustRoots {
        for path in searchPaths {
            guard let data = FileManager.default.contents(atPath: path),
                  let blocks = try? PEMCertificateBlocks.parse(String(decoding: data, as: UTF8.self))
            else { continue }
            let certificates = blocks.compactMap { block in block.der.flatMap { try? Certificate(derEncoded: $0) } }
            if !certificates.isEmpty {
                return TrustRoots(certificates: certificates)
            }
        }
        throw .noSystemRoots(searched: searchPaths)
    }

    /// The certificates of a PEM file (a `--ca-file`): one or more `-----BEGIN CERTIFICATE-----` blocks.
    /// Unlike `system()`, every certificate block must parse.
    public init(pemFile path: String) throws(TrustRootsError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .missingFile(path: path)
        }
        if isDirectory.boolValue {
            throw .unreadableFile(path: path, detail: "it is a directory")
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadableFile(path: path, detail: error.localizedDescription)
        }
        let blocks: [PEMCertificateBlocks.Block]
        do {
            blocks = try PEMCertificateBlocks.parse(String(decoding: data, as: UTF8.self))
        } catch {
            switch error {
            case .unterminated(let index, let line):
                throw .unparseableCertificate(path: path, index: index, line: line,
                                              detail: "no -----END CERTIFICATE----- line after it")
            }
        }
        if blocks.isEmpty {
            throw .noCertificates(path: path)
        }
        var certificates: [Certificate] = []
        for (offset, block) in blocks.enumerated() {
            guard let der = block.der else {
                throw .unparseableCertificate(path: path, index: offset + 1, line: block.line,
                                              detail: "its body is not valid base64")
            }
            do {
                certificates.append(try Certificate(derEncoded: der))
            } catch {
                throw .unparseableCertificate(path: path, index: offset + 1, line: block.line,
                                              detail: ParseFailureText.describe(error))
            }
        }
        self.init(certificates: certificates)
    }

    /// These roots and `other`'s together (the system's plus a `--ca-file`, say).
    public func adding(_ other: TrustRoots) -> TrustRoots {
        TrustRoots(certificates: certificates + other.certificates)
    }
}
