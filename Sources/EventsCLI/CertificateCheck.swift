import CertificateTrust
import Logging
import MailCore

/// The check a TLS connection runs on the server's chain before any credential goes out: the
/// system's roots (or a --ca-file's) and the host name, with swift-certificates. With --insecure,
/// anything is accepted and a warning naming the certificate is logged, every run.
enum CertificateCheck {
    /// Loads the roots now, so a bad --ca-file fails before connecting.
    static func verifier(for trust: IMAPSettings.Trust, logger: Logger) throws -> IMAPConnection.ChainVerifier {
        switch trust {
        case .insecure:
            return { chain, host in
                logger.warning("""
                    --insecure: \(CertificateSummary.unverifiedNotice(host: host, chain: chain)). \
                    The connection is NOT authenticated: whoever sits between this machine and \(host) can read \
                    the credentials and the mail.
                    """)
            }
        case .verify(let caFile):
            let roots: TrustRoots
            do throws(TrustRootsError) {
                if let caFile { roots = try TrustRoots(pemFile: caFile) } else { roots = try TrustRoots.system() }
            } catch {
                throw CommandFailure(error.description)
            }
            let verifier = CertificateVerifier(roots: roots)
            return { chain, host in _ = try verifier.verify(chain: chain, host: host) }
        }
    }
}
