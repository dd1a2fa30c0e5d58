import SwiftASN1
import X509

/// Stands in for `ServerIdentityPolicy` when a rejected chain is diagnosed: it handles the same critical
/// extension (subject alternative names) but accepts any host, so a chain that passes with it in place of the
/// real check failed on its host name alone.
struct AnyServerIdentity: VerifierPolicy {
    let verifyingCriticalExtensions: [ASN1ObjectIdentifier] = [.X509ExtensionID.subjectAlternativeName]

    func chainMeetsPolicyRequirements(chain: UnverifiedCertificateChain) -> PolicyEvaluationResult {
        .meetsPolicy
    }
}
