import Foundation
import OAuthKit
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@Suite("Browser sign-in over the loopback redirect")
struct LoopbackFlowTests {
    static let idToken = TokenResponseTests.idToken(["preferred_username": "ana@example.com"])

    /// A flow whose token endpoint is a fake answering one token.
    static func flow(_ http: FakeHTTPClient) -> AuthorizationCodeFlow {
        AuthorizationCodeFlow(provider: .microsoft(), client: OAuthClient(id: "client-1"),
                              scopes: ["https://outlook.office.com/SMTP.Send", "offline_access"], loginHint: nil, http: http)
    }

    static func state(_ pending: AuthorizationCodeFlow.Pending) -> String {
        AuthorizationURLTests.query(pending.authorizationURL)["state"] ?? ""
    }

    /// Runs `browser` on another thread while this one waits in finish.
    static func finish(_ flow: AuthorizationCodeFlow, _ pending: AuthorizationCodeFlow.Pending, timeout: TimeInterval = 20,
                       isCancelled: @escaping @Sendable () -> Bool = { false },
                       browser: @escaping @Sendable () -> Void) -> (Result<TokenResponse, OAuthError>, DispatchSemaphore) {
        let browserDone = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            browser()
            browserDone.signal()
        }
        do throws(OAuthError) {
            return (.success(try flow.finish(pending, timeout: timeout, isCancelled: isCancelled)), browserDone)
        } catch {
            return (.failure(error), browserDone)
        }
    }

    @Test func codeIsExchangedDespiteJunkConnections() throws {
        let http = FakeHTTPClient { _, _ in FakeHTTPClient.token("AT", refresh: "RT", idToken: Self.idToken) }
        let flow = Self.flow(http)
        let pending = try flow.start()
        let port = pending.port
        let state = Self.state(pending)
        let pages = Locked<[String]>([])
        let (result, browserDone) = Self.finish(flow, pending) {
            // A port scan / pre-connect that never speaks, one that sends junk, and a favicon request.
            let silent = RawHTTP.connect(port: port)
            let junk = RawHTTP.connect(port: port)
            RawHTTP.send(junk, "\u{16}\u{03}\u{01}garbage that is not HTTP\r\n\r\n")
            _ = RawHTTP.readAll(junk)
            close(junk)
            let oversized = RawHTTP.connect(port: port)
            RawHTTP.send(oversized, "GET /?" + String(repeating: "a", count: 9000))
            pages.update { $0.append(RawHTTP.readAll(oversized)) }
            close(oversized)
            pages.update { $0.append(RawHTTP.get(port: port, "/favicon.ico")) }
            pages.update { $0.append(RawHTTP.get(port: port, "/?code=THE-CODE&state=\(state)&session_state=x")) }
            close(silent)
        }
        browserDone.wait()
        let response = try result.get()
        #expect(response.accessToken == "AT")
        #expect(response.accountName == "ana@example.com")
        let seen = pages.get()
        #expect(seen.count == 3)
        #expect(seen.first?.hasPrefix("HTTP/1.1 431") == true)
        #expect(seen.dropFirst().first?.hasPrefix("HTTP/1.1 404") == true)
        #expect(seen.last?.hasPrefix("HTTP/1.1 200") == true)
        #expect(seen.last?.contains("You can close this window") == true)
        let request = try #require(http.requests.first)
        #expect(http.requests.count == 1)
        #expect(request.url.absoluteString == "https://login.microsoftonline.com/organizations/oauth2/v2.0/token")
        #expect(request.fields["grant_type"] == "authorization_code")
        #expect(request.fields["code"] == "THE-CODE")
        #expect(request.fields["redirect_uri"] == pending.redirectURI)
        let challenge = AuthorizationURLTests.query(pending.authorizationURL)["code_challenge"]
        #expect(PKCE(verifier: request.fields["code_verifier"] ?? "").challenge == challenge)
        // The listener is closed afterwards.
        #expect(RawHTTP.connect(port: port) == -1)
    }

    @Test func wrongStateIsAProtocolViolation() throws {
        let http = FakeHTTPClient { _, _ in FakeHTTPClient.token("AT") }
        let flow = Self.flow(http)
        let pending = try flow.start()
        let port = pending.port
        let page = Locked("")
        let (result, browserDone) = Self.finish(flow, pending) {
            page.set(RawHTTP.get(port: port, "/?code=C&state=forged"))
        }
        browserDone.wait()
        #expect(throws: OAuthError.self) { try result.get() }
        if case .failure(let error) = result { #expect(error.kind == .protocolViolation) }
        #expect(http.requests.isEmpty)
        #expect(page.get().contains("state mismatch"))
    }

    @Test func deniedConsentIsAServerError() throws {
        let http = FakeHTTPClient { _, _ in FakeHTTPClient.token("AT") }
        let flow = Self.flow(http)
        let pending = try flow.start()
        let port = pending.port
        let state = Self.state(pending)
        let (result, browserDone) = Self.finish(flow, pending) {
            _ = RawHTTP.get(port: port, "/?error=access_denied&error_description=AADSTS65004%3A+User+declined+to+consent&state=\(state)")
        }
        browserDone.wait()
        guard case .failure(let error) = result else {
            Issue.record("signed in")
            return
        }
        #expect(error.kind == .server)
        #expect(error.code == "access_denied")
        #expect(error.errorDescription == "AADSTS65004: User declined to consent")
        #expect(error.providerCodes == ["AADSTS65004"])
        #expect(http.requests.isEmpty)
    }

    @Test func nobodyComingBackTimesOut() throws {
        let flow = Self.flow(FakeHTTPClient { _, _ in FakeHTTPClient.token("AT") })
        let pending = try flow.start()
        let port = pending.port
        let (result, browserDone) = Self.finish(flow, pending, timeout: 0.5) {
            let stuck = RawHTTP.connect(port: port) // connects and never speaks, like a stuck browser
            Thread.sleep(forTimeInterval: 1)
            close(stuck)
        }
        browserDone.wait()
        guard case .failure(let error) = result else { Issue.record("signed in"); return }
        #expect(error.kind == .timedOut)
        #expect(error.description.hasPrefix(
            "nobody completed the sign-in with the authorization endpoint https://login.microsoftonline.com/organizations/oauth2/v2.0/authorize in time"))
    }

    @Test func cancellingStopsTheWait() throws {
        let flow = Self.flow(FakeHTTPClient { _, _ in FakeHTTPClient.token("AT") })
        let pending = try flow.start()
        let cancelled = Locked(false)
        let started = Date()
        let (result, browserDone) = Self.finish(flow, pending, isCancelled: { cancelled.get() }) {
            Thread.sleep(forTimeInterval: 0.3)
            cancelled.set(true)
        }
        browserDone.wait()
        guard case .failure(let error) = result else { Issue.record("signed in"); return }
        #expect(error.kind == .cancelled)
        #expect(Date().timeIntervalSince(started) < 5)
    }
}
