import Foundation
import OAuthKit
import Testing

@Suite("Device flow")
struct DeviceFlowTests {
    let provider = OAuthProvider.microsoft()

    static let authorization = DeviceAuthorization(deviceCode: "DEVICE-SECRET", userCode: "ABCD-EFGH",
                                                   verificationURI: "https://microsoft.com/devicelogin", expiresIn: 900, interval: 5)

    /// Records each sleep and, per token poll, the total slept before it.
    final class Clock: @unchecked Sendable {
        let slept = Locked<TimeInterval>(0)
        let pollTimes = Locked<[TimeInterval]>([])
        func sleep(_ seconds: TimeInterval) { slept.update { $0 += seconds } }
    }

    func flow(answers: [HTTPResponse], clock: Clock) -> (DeviceFlow, FakeHTTPClient) {
        let http = FakeHTTPClient { _, number in
            clock.pollTimes.update { $0.append(clock.slept.get()) }
            return answers[min(number, answers.count - 1)]
        }
        return (DeviceFlow(provider: provider, client: OAuthClient(id: "app"), scopes: provider.smtpScopes, http: http), http)
    }

    @Test func startReadsMicrosoftsAndGooglesSpellings() throws {
        let http = FakeHTTPClient { request, number in
            #expect(request.url.absoluteString == "https://login.microsoftonline.com/organizations/oauth2/v2.0/devicecode")
            #expect(request.fields["scope"] == "https://outlook.office.com/SMTP.Send offline_access")
            return number == 0
                ? FakeHTTPClient.json(200, ["device_code": "D", "user_code": "U", "verification_uri": "https://microsoft.com/devicelogin",
                                            "expires_in": 900, "interval": 5, "message": "To sign in, use a web browser"])
                : FakeHTTPClient.json(200, ["device_code": "D", "user_code": "U", "verification_url": "https://www.google.com/device",
                                            "expires_in": "1800"])
        }
        let flow = DeviceFlow(provider: provider, client: OAuthClient(id: "app"), scopes: provider.smtpScopes, http: http)
        let microsoft = try flow.start()
        #expect(microsoft.verificationURI == "https://microsoft.com/devicelogin")
        #expect(microsoft.message == "To sign in, use a web browser")
        #expect(microsoft.interval == 5)
        let google = try flow.start()
        #expect(google.verificationURI == "https://www.google.com/device")
        #expect(google.expiresIn == 1800)
        #expect(google.interval == 5)
        #expect(!google.description.contains("D,"))
    }

    @Test func noDeviceEndpointIsRefused() {
        let flow = DeviceFlow(provider: .google, client: OAuthClient(id: "app"), scopes: ["https://mail.google.com/"],
                              http: FakeHTTPClient { _, _ in FakeHTTPClient.token("x") })
        #expect(throws: OAuthError.self) { try flow.start() }
    }

    @Test func pendingPendingSlowDownThenSuccess() throws {
        let clock = Clock()
        let (flow, http) = flow(answers: [FakeHTTPClient.error(400, "authorization_pending"),
                                          FakeHTTPClient.error(400, "authorization_pending"),
                                          FakeHTTPClient.error(400, "slow_down"),
                                          FakeHTTPClient.token("AT", refresh: "RT")], clock: clock)
        var slowDowns: [Int] = []
        let response = try flow.poll(Self.authorization, isCancelled: { false }, onSlowDown: { slowDowns.append($0) },
                                     sleep: clock.sleep)
        #expect(response.accessToken == "AT")
        #expect(slowDowns == [10])
        let times = clock.pollTimes.get().map { ($0 * 10).rounded() / 10 }
        #expect(times == [5, 10, 15, 25])  // the interval went from 5 to 10 s after slow_down
        #expect(http.requests.allSatisfy { $0.fields["device_code"] == "DEVICE-SECRET" })
    }

    @Test func accessDeniedThrows() {
        let clock = Clock()
        let (flow, http) = flow(answers: [FakeHTTPClient.error(400, "authorization_pending"),
                                          FakeHTTPClient.error(400, "access_denied")], clock: clock)
        #expect(throws: OAuthError(kind: .server, code: "access_denied", httpStatus: 400,
                                   endpoint: "https://login.microsoftonline.com/organizations/oauth2/v2.0/token")) {
            try flow.poll(Self.authorization, isCancelled: { false }, sleep: clock.sleep)
        }
        #expect(http.requests.count == 2)
    }

    @Test func expiryTimesOut() {
        let clock = Clock()
        let (flow, http) = flow(answers: [FakeHTTPClient.error(400, "authorization_pending")], clock: clock)
        var short = Self.authorization
        short.expiresIn = 30
        do {
            _ = try flow.poll(short, isCancelled: { false }, sleep: clock.sleep)
            Issue.record("signed in")
        } catch {
            #expect(error.kind == .timedOut)
        }
        #expect(http.requests.count == 5)  // at 5, 10, 15, 20, 25 s; 30 s is past the expiry
        #expect(abs(clock.slept.get() - 30) < 0.01)
    }

    @Test func cancellationIsNoticedWithinATenthOfASecond() {
        let clock = Clock()
        let (flow, http) = flow(answers: [FakeHTTPClient.error(400, "authorization_pending")], clock: clock)
        do {
            _ = try flow.poll(Self.authorization, isCancelled: { clock.slept.get() >= 7.0 }, sleep: clock.sleep)
            Issue.record("signed in")
        } catch {
            #expect(error.kind == .cancelled)
        }
        #expect(http.requests.count == 1)
        #expect(clock.slept.get() < 7.15)
    }
}
