import Foundation
import SwiftASN1
// `RFC5280Policy(validationTime:)` is deprecated in swift-certificates 1.21; its replacement for a time other
// than the clock's, `init(fixedExpiryValidationTime:)`, is behind this SPI.
@_spi(FixedExpiryValidationTime) import X509

/// One validation of parsed certificates, and, when it fails, the diagnosis of why. swift-certificates reports
/// a failure as free text per candidate chain, or no text at all when no chain reached a root, so the kind of
/// failure is worked out here from the certificates themselves.
struct ChainValidation: Sendable {
    let host: ServerHost
    let leaf: Certificate
    let intermediates: [Certificate]
    let roots: [Certificate]
    let time: Date

    /// `nil` when the chain leads to a trusted root and the server's certificate is valid for the host.
    func run() async -> CertificateTrustError? {
        let (hostname, ip) = host.policyArguments
        let (result, handledExtensions) = await validate(ServerIdentityPolicy(serverHostname: hostname, serverIP: ip))
        switch result {
        case .validCertificate:
            return nil
        case .couldNotValidate(let failures):
            return await diagnose(failures, handledExtensions: handledExtensions)
        }
    }

    private func validate(
        _ identity: some VerifierPolicy
    ) async -> (CertificateValidationResult, handledExtensions: [ASN1ObjectIdentifier]) {
        var verifier = Verifier(rootCertificates: CertificateStore(roots)) {
            RFC5280Policy(fixedExpiryValidationTime: time)
            ServerAuthUsagePolicy()
            identity
        }
        let result = await verifier.validate(leaf: leaf, intermediates: CertificateStore(intermediates))
        return (result, verifier.policy.verifyingCriticalExtensions)
    }

    private func diagnose(
        _ failures: [CertificateValidationResult.PolicyFailure],
        handledExtensions: [ASN1ObjectIdentifier]
    ) async -> CertificateTrustError {
        // No failure listed: no candidate chain reached a root (or the leaf was refused before chain building).
        guard !failures.isEmpty else {
            let unhandled = leaf.extensions.filter { $0.critical && !handledExtensions.contains($0.oid) }
            if !unhandled.isEmpty {
                let oids = unhandled.map { String(describing: $0.oid) }.joined(separator: ", ")
                return .rejected(host: host.name,
                                 reasons: ["it has critical extensions this program cannot check (\(oids))"])
            }
            let top = topOfSentChain()
            if top.subject != top.issuer, roots.contains(where: { $0.subject == top.issuer }) {
                // A trusted authority of that name exists, but did not sign: a forgery, or a reissued CA.
                return .rejected(host: host.name, reasons: [
                    "it claims to be issued by \(top.issuer), but that trusted authority's key did not sign it",
                ])
            }
            return .untrusted(host: host.name, subject: String(describing: leaf.subject),
                              issuer: String(describing: top.issuer))
        }
        if time > leaf.notValidAfter {
            return .expired(host: host.name, notAfter: leaf.notValidAfter)
        }
        if time < leaf.notValidBefore {
            return .notYetValid(host: host.name, notBefore: leaf.notValidBefore)
        }
        for failure in failures {
            for certificate in failure.chain.dropFirst() {
                if time > certificate.notValidAfter {
                    let date = UTCTimestamp(certificate.notValidAfter)
                    return .rejected(host: host.name, reasons: [
                        "the certificate of its issuer \(certificate.subject) expired on \(date)",
                    ])
                }
                if time < certificate.notValidBefore {
                    let date = UTCTimestamp(certificate.notValidBefore)
                    return .rejected(host: host.name, reasons: [
                        "the certificate of its issuer \(certificate.subject) is not valid until \(date)",
                    ])
                }
            }
        }
        if case .validCertificate = await validate(AnyServerIdentity()).0 {
            return .hostnameMismatch(host: host.name, names: CertificateSummary.identityNames(of: leaf))
        }
        var reasons: [String] = []
        for reason in failures.map({ String(describing: $0.policyFailureReason) }) where !reasons.contains(reason) {
            reasons.append(reason)
        }
        return .rejected(host: host.name, reasons: reasons)
    }

    /// The last certificate of the chain the server sent, following issuers up from the leaf: its issuer is
    /// the authority the chain ends at.
    private func topOfSentChain() -> Certificate {
        var top = leaf
        var remaining = intermediates
        while top.subject != top.issuer,
              let next = remaining.firstIndex(where: { $0.subject == top.issuer }) {
            top = remaining.remove(at: next)
        }
        return top
    }
}
