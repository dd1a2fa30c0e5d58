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
        // The SES message is JSON quoted inside the SNS envelope's JSON: drop the escaping. JSON's
        // punctuation is ASCII, so the text is read as bytes (a Character-wise search of the text
        // cost some 600 instructions a byte).
        let json = Self.unescaped(report.lines)[...]
        guard Self.offset(of: #""notificationType":"Bounce""#, in: json) != nil
                || Self.offset(of: #""notificationType": "Bounce""#, in: json) != nil else { return nil }
        let permanent = Self.offset(of: #""bounceType":"Transient""#, in: json) == nil
        var findings: [Finding] = []
        let opening = #""emailAddress":""#
        var rest = json
        while let found = Self.offset(of: opening, in: rest) {
            rest = rest[(found + opening.utf8.count)...]
            guard let end = rest.firstIndex(of: Self.quote),
                  let recipient = RecipientLines.validated(Substring(Self.string(rest[..<end]))) else { continue }
            // The entry's other fields run to its closing brace.
            let entry = rest[..<(rest.firstIndex(of: UInt8(ascii: "}")) ?? rest.endIndex)]
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

    private static let quote = UInt8(ascii: "\"")
    private static let backslash = UInt8(ascii: "\\")

    /// The report's lines joined with LF, each `\"` written as `"`.
    static func unescaped(_ lines: [Substring]) -> [UInt8] {
        var bytes: [UInt8] = []
        for (number, line) in lines.enumerated() {
            if number > 0 { bytes.append(0x0A) }
            var pending = false  // a backslash read, written unless a quote follows
            for byte in line.utf8 {
                if pending, byte != quote { bytes.append(backslash) }
                pending = byte == backslash
                if !pending { bytes.append(byte) }
            }
            if pending { bytes.append(backslash) }
        }
        return bytes
    }

    /// Where `pattern` (ASCII) first occurs in `bytes`, as an index of `bytes`: `SearchText`'s search
    /// of the bytes as they are (the JSON's keys are case-sensitive).
    static func offset(of pattern: String, in bytes: ArraySlice<UInt8>) -> Int? {
        bytes.withUnsafeBufferPointer { SearchText.firstOffset(of: Phrase(bytes: Array(pattern.utf8)), in: $0, from: 0) }
            .map { bytes.startIndex + $0 }
    }

    static func string(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    /// The string value of `"key":"value"` in `entry`.
    static func value(_ key: String, in entry: ArraySlice<UInt8>) -> String? {
        let opening = "\"\(key)\":\""
        guard let found = offset(of: opening, in: entry) else { return nil }
        let tail = entry[(found + opening.utf8.count)...]
        return tail.firstIndex(of: quote).map { string(tail[..<$0]) }
    }
}
