/// The delivery status notifications asked for with a message: MAIL FROM's ENVID and RET, RCPT TO's
/// NOTIFY and ORCPT (RFC 3461 §4). Sent only when the server announces the DSN extension.
public struct DSNRequest: Sendable, Equatable {
    /// ENVID: returned in every DSN for this message (`Original-Envelope-Id`), so a bounce can be matched.
    public var envelopeID: String
    /// RET=HDRS (true) or RET=FULL.
    public var returnHeadersOnly: Bool = true
    public var notifyFailure = true
    public var notifyDelay = true
    public var notifySuccess = false

    public init(envelopeID: String) {
        self.envelopeID = envelopeID
    }
}
