import Foundation
#if canImport(Glibc)
import Glibc
#endif
import OAuthKit
import Testing

/// HTTPTransport checks the server's certificate: a TLS server whose certificate no trusted root
/// signed is refused before any request is sent. The server is Python's own (ssl + http.server)
/// with a throw-away self-signed certificate made by openssl, on 127.0.0.1.
@Suite("HTTPTransport's certificate check", .enabled(if: TLSTools.exist, "needs /usr/bin/python3 and openssl"))
struct TLSVerificationTests {
    static func run(_ path: String, _ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    @Test func aSelfSignedCertificateIsRefused() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let key = folder.appendingPathComponent("key.pem").path, certificate = folder.appendingPathComponent("cert.pem").path
        let portFile = folder.appendingPathComponent("port").path
        let openssl = try Self.run(FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl") ? "/usr/bin/openssl" : "/bin/openssl",
                                   ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", certificate,
                                    "-days", "1", "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"])
        openssl.waitUntilExit()
        try #require(openssl.terminationStatus == 0)
        // Serves until killed; writes its port once listening.
        let server = try Self.run("/usr/bin/python3", ["-c", """
            import http.server, ssl, sys
            httpd = http.server.HTTPServer(("127.0.0.1", 0), http.server.SimpleHTTPRequestHandler)
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(sys.argv[1], sys.argv[2])
            httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
            open(sys.argv[3] + ".tmp", "w").write(str(httpd.server_address[1]))
            __import__("os").rename(sys.argv[3] + ".tmp", sys.argv[3])
            httpd.serve_forever()
            """, certificate, key, portFile])
        // SIGKILL: a child may inherit a blocked SIGTERM from the test runner's thread.
        defer { kill(server.processIdentifier, SIGKILL); server.waitUntilExit() }
        var port: String?
        for _ in 0..<100 where port == nil {
            port = try? String(contentsOfFile: portFile, encoding: .utf8)
            if port == nil { Thread.sleep(forTimeInterval: 0.05) }
        }
        let listening = try #require(port)
        do {
            let response = try HTTPTransport(timeout: 5).get(URL(string: "https://127.0.0.1:\(listening)/")!)
            Issue.record("a self-signed certificate was accepted: \(response)")
        } catch {
            #expect(error.kind == .transport)
            #expect(error.description.lowercased().contains("certificate") || error.description.lowercased().contains("verif"),
                    "\(error)")
        }
    }
}

/// What the test needs on the machine (CI installs both).
enum TLSTools {
    static let exist = FileManager.default.isExecutableFile(atPath: "/usr/bin/python3")
        && ["/usr/bin/openssl", "/bin/openssl"].contains(where: FileManager.default.isExecutableFile(atPath:))
}
