import CertificateTrust
import Foundation
import SwiftASN1
import Testing
import X509

/// The description of a certificate in messages and in the `--insecure` log line.
@Suite("CertificateSummary")
struct CertificateSummaryTests {
    @Test func aServerCertificate() throws {
        let root = try TestAuthority.root()
        let leaf = try root.server()
        let summary = try #require(CertificateSummary.leaf(of: [leaf.der]))
        #expect(summary == CertificateSummary(leaf))
        #expect(summary.description == "subject CN=localhost, issuer CN=MailEvents Test Root CA,O=MailEvents tests, "
                + "names localhost, 127.0.0.1, ::1, valid 2026-01-14 12:00:00 UTC to 2026-04-15 12:00:00 UTC")
    }

    @Test func theInsecureLogLine() throws {
        let root = try TestAuthority.root()
        let leaf = try root.server("imap.example.com", names: [])
        #expect(CertificateSummary.unverifiedNotice(host: "imap.example.com", chain: [leaf.der, root.certificate.der])
                == "accepting unverified certificate for imap.example.com: subject CN=imap.example.com, "
                + "issuer CN=MailEvents Test Root CA,O=MailEvents tests, no names, "
                + "valid 2026-01-14 12:00:00 UTC to 2026-04-15 12:00:00 UTC")
        #expect(CertificateSummary.unverifiedNotice(host: "h", chain: [])
                == "accepting unverified certificate for h: the server sent no certificate")
        #expect(CertificateSummary.unverifiedNotice(host: "h", chain: [[1, 2, 3]])
                == "accepting unverified certificate for h: the server's certificate cannot be parsed")
    }

    /// IPv6 addresses are written in RFC 5952 form: the longest run of zero groups (the first of equals) is `::`.
    @Test(arguments: [
        ([0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1], "2001:db8::1:0:0:1"),
        ([0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1], "2001:db8:0:1::1"),
        ([0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], "fe80::"),
        ([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], "::"),
        ([0x20, 0x01, 0x0d, 0xb8, 0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6], "2001:db8:1:2:3:4:5:6"),
        ([0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1], "2001:db8:0:1:1:1:1:1"),
        ([10, 0, 0, 1], "10.0.0.1"),
    ] as [([UInt8], String)])
    func addressesAreWrittenAsPeopleWriteThem(_ bytes: [UInt8], _ text: String) throws {
        let root = try TestAuthority.root()
        let leaf = try root.server(names: [.ipAddress(ASN1OctetString(contentBytes: bytes[...]))])
        #expect(CertificateSummary(leaf).names == [text])
    }
}
