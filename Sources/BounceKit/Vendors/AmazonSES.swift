/// Amazon SES bounce notifications delivered by SNS e-mail (`x-amz-sns-message-id`,
/// `"notificationType":"Bounce"` JSON in the body): one finding per `bouncedRecipients` entry, with
/// its `status` and `diagnosticCode`. https://docs.aws.amazon.com/ses/latest/dg/notification-contents.html
public struct AmazonSESDetector: TextReportDetector {
    public let name = "amazonses"

    public init() {}

    func recognises(_ message: IncomingMessage) -> Bool {
        (message.hasHeader("x-amz-sns-message-id") || message.fromContains("amazonaws.com", "amazonses.com"))
            && message.leadContains("notificationtype")
    }

    func findings(in report: TextReport) -> [Finding]? {
        // The SES message is JSON quoted inside the SNS envelope's JSON: drop the escaping.
        let text = report.lines.joined(separator: "\n").replacingAll("\\\"", with: "\"")
        guard text.contains("\"notificationType\":\"Bounce\"") || text.contains("\"notificationType\": \"Bounce\"") else { return nil }
        let permanent = !text.contains("\"bounceType\":\"Transient\"")
        var findings: [Finding] = []
        var rest = Substring(text)
        while let range = rest.firstRange(of: "\"emailAddress\":\"") {
            rest = rest[range.upperBound...]
            guard let end = rest.firstIndex(of: "\""), let recipient = RecipientLines.validated(rest[..<end]) else { continue }
            // The entry's other fields run to its closing brace.
            let entry = rest[..<(rest.firstIndex(of: "}") ?? rest.endIndex)]
            let status = Self.value("status", in: entry).flatMap { StatusCode($0) }
            let diagnostic = Self.value("diagnosticCode", in: entry).map { value in
                value.lowercased().hasPrefix("smtp;") ? String(value.dropFirst(5)).trimmingWhitespace() : value
            }
            let action = Self.value("action", in: entry)?.lowercased() ?? (permanent ? "failed" : "delayed")
            findings.append(report.finding(recipient: recipient, diagnostic: diagnostic, status: status,
                                           action: action == "failed" ? "failed" : "delayed", remoteMTA: nil, detector: name))
        }
        return findings.isEmpty ? nil : findings
    }

    /// The string value of `"key":"value"` in `entry`.
    static func value(_ key: String, in entry: Substring) -> String? {
        guard let range = entry.firstRange(of: "\"\(key)\":\"") else { return nil }
        let tail = entry[range.upperBound...]
        return tail.firstIndex(of: "\"").map { String(tail[..<$0]) }
    }
}
