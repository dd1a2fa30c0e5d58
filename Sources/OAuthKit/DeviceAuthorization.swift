import Foundation

/// What the device authorization endpoint answered (RFC 8628 §3.2): the code to show the user,
/// where to enter it, and how long and how often to poll. `deviceCode` is secret; `description` omits it.
public struct DeviceAuthorization: Sendable, CustomStringConvertible {
    public var deviceCode: String
    public var userCode: String
    public var verificationURI: String
    public var verificationURIComplete: String?
    /// Seconds the codes stay valid.
    public var expiresIn: Int
    /// Seconds between polls (5 when the server says nothing, §3.2).
    public var interval: Int
    /// Microsoft's ready-made sentence ("To sign in, use a web browser to open …").
    public var message: String?

    public init(deviceCode: String, userCode: String, verificationURI: String, verificationURIComplete: String? = nil,
                expiresIn: Int, interval: Int = 5, message: String? = nil) {
        self.deviceCode = deviceCode
        self.userCode = userCode
        self.verificationURI = verificationURI
        self.verificationURIComplete = verificationURIComplete
        self.expiresIn = expiresIn
        self.interval = interval
        self.message = message
    }

    /// Accepts verification_uri (RFC 8628, Microsoft v2.0) and verification_url (Google, older Microsoft).
    init(fields: [String: Any], endpoint: String) throws(OAuthError) {
        guard let deviceCode = fields["device_code"] as? String, let userCode = fields["user_code"] as? String,
              let uri = (fields["verification_uri"] ?? fields["verification_url"]) as? String else {
            throw OAuthError(kind: .protocolViolation, detail: "the answer lacks device_code, user_code or verification_uri",
                             endpoint: endpoint)
        }
        self.init(deviceCode: deviceCode, userCode: userCode, verificationURI: uri,
                  verificationURIComplete: (fields["verification_uri_complete"] ?? fields["verification_url_complete"]) as? String,
                  expiresIn: JSONField.integer(fields["expires_in"]) ?? 900,
                  interval: max(1, JSONField.integer(fields["interval"]) ?? 5),
                  message: fields["message"] as? String)
    }

    public var description: String {
        "DeviceAuthorization(user code \(userCode) at \(verificationURI), expires in \(expiresIn) s, interval \(interval) s)"
    }
}
