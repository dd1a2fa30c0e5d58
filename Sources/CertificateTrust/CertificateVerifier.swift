import Foundation
import SwiftASN1
import X509

/// Verifies the certificate chain a TLS server presented, before any credential is sent to it: the chain must
/// lead to one of the trust roots (RFC 5280 path validation, with the server's intermediates), be valid now,
/// be meant for TLS servers, and name the host connected to (RFC 6125: DNS names, or IP addresses for an IP host).
///
/// Synchronous for its callers (a TLS library's callback, a command's `run()`): the async swift-certificates
/// verifier runs on the calling thread, which waits for it (see `BlockingWait`; before macOS 15 it runs in a
/// detached task instead, so there do not call it from a task of Swift's cooperative pool).
public struct CertificateVerifier: Sendable {
    public let roots: TrustRoots
    private let now: @Sendable () -> Date

    /// - Parameter now: the time certificates must be valid at (tests set it; otherwise the clock's).
    public init(roots: TrustRoots, now: @escaping @Sendable () -> Date = Date.init) {
        self.roots = roots
        self.now = now
    }

    /// Accepts `derChain` (DER certificates as the server sent them, its own first) for `host` (a DNS name,
    /// or an IPv4 or IPv6 literal, possibly in brackets), or says why not.
    /// - Returns: a summary of the server's certificate, for logging.
    @discardableResult
    public func verify(chain derChain: [[UInt8]], host: String) throws(CertificateTrustError) -> CertificateSummary {
        let server = ServerHost(host)
        guard !derChain.isEmpty else {
            throw .emptyChain(host: server.name)
        }
        var certificates: [Certificate] = []
        for (index, der) in derChain.enumerated() {
            do {
                certificates.append(try Certificate(derEncoded: der))
            } catch {
                throw .unparseable(host: server.name, index: index, detail: ParseFailureText.describe(error))
            }
        }
        let validation = ChainValidation(host: server, leaf: certificates[0],
                                         intermediates: Array(certificates.dropFirst()),
                                         roots: roots.certificates, time: now())
        if let failure = BlockingWait.run({ await validation.run() }) {
            throw failure
        }
        return CertificateSummary(certificates[0])
    }
}
