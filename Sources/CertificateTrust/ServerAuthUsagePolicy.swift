import SwiftASN1
import X509

/// RFC 5280 §4.2.1.12: a certificate whose extended key usage lists neither `serverAuth` nor
/// `anyExtendedKeyUsage` is not meant for TLS servers. Checked on the server's certificate and on the
/// intermediates, not on the root (as OpenSSL does); a certificate without the extension may serve any purpose.
/// swift-certificates' own policies do not look at the extension, and would refuse it when it is critical.
struct ServerAuthUsagePolicy: VerifierPolicy {
    let verifyingCriticalExtensions: [ASN1ObjectIdentifier] = [.X509ExtensionID.extendedKeyUsage]

    func chainMeetsPolicyRequirements(chain: UnverifiedCertificateChain) -> PolicyEvaluationResult {
        let checked = chain.count > 1 ? chain.dropLast() : chain[...]
        for certificate in checked {
            let usage: ExtendedKeyUsage?
            do {
                usage = try certificate.extensions.extendedKeyUsage
            } catch {
                return .failsToMeetPolicy(reason: "the extended key usage of \(certificate.subject) cannot be parsed")
            }
            guard let usage else { continue }
            if !usage.contains(.serverAuth), !usage.contains(.any) {
                return .failsToMeetPolicy(reason: "the certificate \(certificate.subject) is not meant for TLS servers "
                                          + "(its extended key usage is \(usage))")
            }
        }
        return .meetsPolicy
    }
}
