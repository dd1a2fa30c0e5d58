import MailModel

/// Gives each finding its `cause` (one sentence: what happened, to whom, at which server, quoting
/// the decisive text), its `remedy` (what the sender should do) and whether the sending side is at
/// fault. Provider rules supply the receiver's own meaning and advice where they have one.
public enum Explanation {
    /// The longest quotation of a server's reply kept in a cause.
    static let quoteLimit = 240

    public static func explained(_ finding: Finding) -> Finding {
        var finding = finding
        let rule = finding.kind == .bounce || finding.kind == .delay ? providerRule(for: finding) : nil
        finding.cause = cause(of: finding)
        finding.remedy = remedy(for: finding, rule: rule)
        if finding.kind == .bounce, let senderSide = rule?.senderSide { finding.senderSide = senderSide }
        return finding
    }

    /// The provider rule the reason decision recorded.
    static func providerRule(for finding: Finding) -> ProviderRule? {
        finding.providerRule.flatMap { ProviderRules.rules.indices.contains($0) ? ProviderRules.rules[$0] : nil }
    }

    static func cause(of finding: Finding) -> String {
        let recipient = finding.recipient ?? "the recipient"
        let host = finding.remoteMTA.map { " (receiving server \($0))" } ?? finding.reportingMTA.map { " (reported by \($0))" } ?? ""
        let said = quote(finding.diagnostic).map { " The server said: “\($0)”." } ?? codes(finding)
        switch finding.kind {
        case .bounce:
            return "The message to \(recipient) could not be delivered\(host): \(ReasonText.meaning(finding.reason)).\(said)"
        case .delay:
            let meaning = finding.reason == .expired ? "the attempts so far have failed" : ReasonText.meaning(finding.reason)
            return "Delivery to \(recipient) is delayed\(host) and is being retried: \(meaning)."
                + said
        case .delivered:
            if let disposition = finding.diagnostic, disposition.hasPrefix("Disposition:") {
                let outcome = DeliveryNoticeDetector.dispositionType(String(disposition.dropFirst("Disposition:".count)))
                return "\(recipient)'s mail program sent a read receipt: the message arrived and was \(outcome)."
            }
            return "The message was delivered to \(recipient)\(host)."
        case .complaint:
            let reporter = finding.reportingMTA.map { " (report from \($0))" } ?? ""
            let who = finding.recipient.map { "The recipient \($0)" } ?? "A recipient"
            return "\(who) \(complaintVerb(finding.feedbackType))\(reporter)."
        case .autoReply:
            let reply = quote(finding.diagnostic).map { " It says: “\($0)”." } ?? ""
            return "\(recipient) answered with an automatic reply, so the message arrived.\(reply)"
        case .challenge:
            let reply = quote(finding.diagnostic).map { " It says: “\($0)”." } ?? ""
            return "\(recipient)'s challenge-response filter holds the message until the sender proves to be a person.\(reply)"
        case .humanReply:
            let reply = quote(finding.diagnostic).map { " It begins: “\($0)”." } ?? ""
            return "\(recipient) replied to the event mailbox (the From address) instead of the Reply-To address.\(reply)"
        case .unrecognized:
            return "The message is not a delivery report, complaint or reply that MailEvents recognises; it is kept as it arrived."
        }
    }

    static func remedy(for finding: Finding, rule: ProviderRule?) -> String {
        switch finding.kind {
        case .bounce, .delay:
            if finding.kind == .delay, finding.reason == .expired {
                return "Nothing to do yet: the sending server keeps retrying and reports again if it gives up."
            }
            var remedy = rule?.remedy ?? ReasonText.remedy(finding.reason)
            if rule?.remedy == nil, let link = link(in: finding.diagnostic),
               [.blocked, .badreputation, .policyviolation, .spamdetected, .authfailure, .securityerror].contains(finding.reason) {
                remedy += " The reply points to \(link)."
            }
            return remedy
        case .delivered, .autoReply:
            return ReasonText.remedy(finding.reason)
        case .complaint:
            return ReasonText.remedy(.feedback)
        case .challenge:
            return "If the request is genuine, complete the verification it asks for, or ask the recipient to allow-list the "
                + "event address; until then the message waits."
        case .humanReply:
            return "Forward the reply to the user who sent the original, and ask the correspondent to answer the Reply-To address."
        case .unrecognized:
            return "Read the stored message; if it is a report MailEvents should recognise, send it to support."
        }
    }

    static func complaintVerb(_ type: String?) -> String {
        switch type {
        case "opt-out", "unsubscribe": return "asked to be unsubscribed"
        case "fraud": return "reported the message as fraud or phishing"
        case "virus": return "reported the message as carrying a virus"
        case "auth-failure": return "reported the message for failing authentication (DMARC, SPF or DKIM)"
        case "not-spam": return "reported the message as not spam"
        default: return "marked the message as spam (feedback type \(type ?? "abuse"))"
        }
    }

    /// The reply, shortened at a word to `quoteLimit` characters.
    static func quote(_ text: String?) -> String? {
        guard let text, !text.isEmpty else { return nil }
        // A text has no more characters than UTF-8 bytes: most skip the character count.
        guard text.utf8.count > quoteLimit else { return text }
        if PlainASCII.isPlain(text) {
            // Plain text has a Character per byte: cut the bytes (see `PlainASCII`).
            var text = text
            return text.withUTF8 { bytes in
                let cut = UnsafeBufferPointer(rebasing: bytes[..<quoteLimit])
                let end = cut.lastIndex(of: UInt8(ascii: " ")) ?? cut.count
                return String(decoding: UnsafeBufferPointer(rebasing: cut[..<end]), as: UTF8.self) + " …"
            }
        }
        guard text.count > quoteLimit else { return text }
        let cut = text.prefix(quoteLimit)
        return String(cut[..<(cut.lastIndex(of: " ") ?? cut.endIndex)]) + " …"
    }

    static func codes(_ finding: Finding) -> String {
        let parts = [finding.replyCode?.description, finding.status?.description].compactMap { $0 }
        return parts.isEmpty ? "" : " Status: \(parts.joined(separator: " "))."
    }

    /// The first http(s) link in the reply, trailing punctuation dropped.
    static func link(in text: String?) -> String? {
        guard var text, let offset = SearchText(text).firstOffset(of: "http", from: 0) else { return nil }
        if let plain = text.withUTF8({ bytes -> String?? in PlainASCII.isPlain(bytes) ? .some(link(plain: bytes, from: offset)) : .none }) {
            return plain
        }
        return link(characters: text, from: offset)
    }

    /// `link(in:)` of plain ASCII (see `PlainASCII`), by bytes, the link's "http" at `offset`:
    /// White_Space is, in ASCII, tab to carriage return and the space.
    private static func link(plain bytes: UnsafeBufferPointer<UInt8>, from offset: Int) -> String? {
        var end = offset
        while end < bytes.count, case let byte = bytes[end], !(byte >= 0x09 && byte <= 0x0D), byte != 0x20,
              byte != UInt8(ascii: ">"), byte != UInt8(ascii: ")"), byte != UInt8(ascii: "\"") { end += 1 }
        while end > offset, ".,;:]".utf8.contains(bytes[end - 1]) { end -= 1 }
        return end - offset > 10 ? String(decoding: UnsafeBufferPointer(rebasing: bytes[offset..<end]), as: UTF8.self) : nil
    }

    /// `link(in:)` by Characters, for any text, the link's "http" at the UTF-8 `offset`.
    static func link(characters text: String, from offset: Int) -> String? {
        let start = text.utf8.index(text.utf8.startIndex, offsetBy: offset)
        let link = text[start...].prefix { !$0.isWhitespace && $0 != ">" && $0 != ")" && $0 != "\"" }
        let trimmed = link.trimmingSuffix { ".,;:]".contains($0) }
        return trimmed.count > 10 ? String(trimmed) : nil
    }
}

extension Substring {
    fileprivate func trimmingSuffix(while predicate: (Character) -> Bool) -> Substring {
        var result = self
        while let last = result.last, predicate(last) { result = result.dropLast() }
        return result
    }
}
