/// 1&1 (IONOS, `kundenserver.de`) bounces: Exim's wording with "The following address failed:" and "For the following reason:".
public struct EinsUndEinsDetector: TextReportDetector {
    public let name = "einsundeins"

    public init() {}

    func recognises(_ message: IncomingMessage) -> Bool {
        message.looksLikeBounce && (message.fromContains("kundenserver", "1and1", "1und1", "ionos") || message.leadContains("postmaster.1and1", "1und1"))
    }
}
