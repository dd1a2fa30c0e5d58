/// Digital Arts m-FILTER (`X-Mailer: m-FILTER`): Japanese preamble, then the address and the SMTP transcript.
public struct MFilterDetector: TextReportDetector {
    public let name = "mfilter"

    public init() {}

    func recognises(_ message: IncomingMessage) -> Bool {
        message.headerContains("x-mailer", "m-filter")
    }
}
