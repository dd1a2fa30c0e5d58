import Foundation
import OAuthKit
import Testing

/// The OAuth 2.0 test server that `scripts/mail-test-servers` starts (scripts/oauth-test-server):
/// its users, its clients, and what a browser or a device page does there — the consent the test
/// gives in the user's place — plus its test switches (revoke, slow_down, counters).
struct OAuthTestServer {
    let servers: MailTestServers

    /// Debian's python3-authlib and python3-flask, which the server runs on (CI installs them).
    static let isAvailable: Bool = {
        guard MailTestServers.isAvailable, FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") else { return false }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", "import authlib, flask"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }()

    static let unavailable: Comment = "needs root, postfix, dovecot-imapd, python3-authlib and python3-flask (CI installs them)"

    var issuer: String { servers["OAUTH_URL"] }
    var clientID: String { servers["OAUTH_CLIENT_ID"] }
    var appClientID: String { servers["OAUTH_APP_CLIENT_ID"] }
    var appClientSecret: String { servers["OAUTH_APP_CLIENT_SECRET"] }
    var user: String { servers["OAUTH_SIGNIN_USER"] }
    var password: String { servers["OAUTH_SIGNIN_PASSWORD"] }
    var secondUser: String { servers["OAUTH_SECOND_USER"] }
    var secondPassword: String { servers["OAUTH_SECOND_PASSWORD"] }
    var longUser: String { servers["OAUTH_LONG_USER"] }
    var longPassword: String { servers["OAUTH_LONG_PASSWORD"] }

    struct Reply {
        var status: Int
        var body: String
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any] ?? [:] }
    }

    /// POSTs a form, following redirects as a browser does (to the sign-in's loopback listener).
    @discardableResult
    func post(_ url: String, _ fields: [(String, String)]) throws -> Reply {
        guard let target = URL(string: url) else { throw ScriptFailure(description: "not a URL: \(url)") }
        let http = HTTPTransport(timeout: 20)
        var response = try http.postForm(target, fields: fields, basic: nil)
        var current = target
        // A browser answers a 302 or 303 after a POST with a GET of the Location (RFC 9110 §15.4).
        for _ in 0..<5 {
            guard (300..<400).contains(response.status), let location = response.headers["location"],
                  let next = URL(string: location, relativeTo: current)?.absoluteURL else { break }
            current = next
            response = try http.get(next)
        }
        return Reply(status: response.status, body: String(decoding: response.body, as: UTF8.self))
    }

    func get(_ path: String) throws -> Reply {
        let response = try HTTPTransport(timeout: 20).get(URL(string: issuer + path)!)
        return Reply(status: response.status, body: String(decoding: response.body, as: UTF8.self))
    }

    @discardableResult
    /// Approves a sign-in at the authorization URL `events` printed, as the user would.
    func approve(_ authorizationURL: String, user: String, password: String) throws -> Reply {
        try post(authorizationURL, [("username", user), ("password", password), ("confirm", "yes")])
    }

    @discardableResult
    /// Approves a device code at the device page, as the user would.
    func approveDevice(code: String, user: String, password: String) throws -> Reply {
        try post(issuer + "/device", [("user_code", code), ("username", user), ("password", password), ("confirm", "yes")])
    }

    /// A test switch: `/test/revoke?username=…`, `/test/device?answer=slow_down&count=1`, …
    @discardableResult
    func control(_ pathAndQuery: String) throws -> Reply {
        try post(issuer + pathAndQuery, [])
    }

    /// Successful refresh-token grants for `user` so far.
    func refreshGrants(_ user: String) throws -> Int {
        let stats = try get("/test/stats").json
        return ((stats["refresh_grants"] as? [String: Any])?[user] as? Int) ?? 0
    }

    func stat(_ name: String) throws -> Int {
        (try get("/test/stats").json[name] as? Int) ?? 0
    }
}
