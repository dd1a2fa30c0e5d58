/// Recognises one family of reports (RFC 3464 delivery reports, one vendor's bounce format, ARF
/// complaints, automatic replies, …) and turns a message of that family into findings.
public protocol ReportDetector: Sendable {
    /// A short name recorded with each finding (`rfc3464`, `postfix`, …).
    var name: String { get }
    /// The findings for `message`, or nil when the message is not of this detector's family.
    func findings(in message: IncomingMessage) -> [Finding]?
}
