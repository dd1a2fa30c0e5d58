/// Trust roots that could not be loaded: a `--ca-file` that is missing, unreadable, holds no certificate or
/// holds one that does not parse; or a machine without a system certificate bundle. Each message names the file.
public enum TrustRootsError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file does not exist.
    case missingFile(path: String)
    /// The file exists but could not be read (a directory, no permission, …).
    case unreadableFile(path: String, detail: String)
    /// The file holds no `-----BEGIN CERTIFICATE-----` block.
    case noCertificates(path: String)
    /// The certificate numbered `index` (from 1), whose block starts on `line`, is not a valid certificate.
    case unparseableCertificate(path: String, index: Int, line: Int, detail: String)
    /// None of the usual system bundles exists, or none holds a usable certificate.
    case noSystemRoots(searched: [String])

    public var description: String {
        switch self {
        case .missingFile(let path):
            return "the CA file \(path) does not exist"
        case .unreadableFile(let path, let detail):
            return "cannot read the CA file \(path): \(detail)"
        case .noCertificates(let path):
            return "the CA file \(path) holds no certificate "
                + "(expected PEM blocks starting with -----BEGIN CERTIFICATE-----)"
        case .unparseableCertificate(let path, let index, let line, let detail):
            return "certificate \(index) in the CA file \(path) (line \(line)) cannot be parsed: \(detail)"
        case .noSystemRoots(let searched):
            return "no system trust roots found (looked for \(searched.joined(separator: ", "))); "
                + "install the ca-certificates package, or pass the server's CA certificate with --ca-file"
        }
    }
}
