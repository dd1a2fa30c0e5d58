/// au (KDDI) EZweb's "Mail System Error - Returned Mail" (`Postmaster@ezweb.ne.jp`): recipients as `<a@b>` or `Recipient: <a@b>`, reasons partly in Japanese.
public struct EZwebDetector: TextReportDetector {
    public let name = "ezweb"

    public init() {}

    func recognises(_ message: IncomingMessage) -> Bool {
        message.looksLikeBounce && (message.fromContains("ezweb.ne.jp", "au.com"))
    }
}
