import SwiftASN1
import X509

/// Why bytes are not a certificate, for a message: the error's kind without the library's source location
/// (`ASN1Error.description` ends in `ASN1.swift:202`).
enum ParseFailureText {
    static func describe(_ error: any Error) -> String {
        switch error {
        case let error as ASN1Error:
            "not a DER-encoded certificate (\(error.code))"
        case let error as CertificateError:
            "unsupported certificate (\(error.code))"
        default:
            String(describing: error)
        }
    }
}
