/// Google Groups' refusals to post: from Google's mailer-daemon, the group named in `X-Failed-Recipients`, the reason only in (often localised) prose.
public struct GoogleGroupsDetector: TextReportDetector {
    public let name = "googlegroups"

    public init() {}

    func recognises(_ message: IncomingMessage) -> Bool {
        message.headers.all("x-failed-recipients").contains { $0.lowercased().contains("googlegroups.com") }
            || (message.fromContains("google") && message.leadContains("groups.google.com", "google groups"))
    }
}
