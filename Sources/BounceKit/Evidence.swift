import MailModel

/// What a report says about one recipient, gathered by a detector before the reason is decided.
public struct Evidence: Sendable, Equatable {
    public var action: String?
    public var status: StatusCode?
    public var replyCode: ReplyCode?
    public var diagnostic: String?
    /// The diagnostic type of RFC 3464 §2.3.6 (`smtp`, `x-unix`, `x-postfix`), lowercased.
    public var diagnosticType: String?
    /// The SMTP command the final reply answered, where the report says.
    public var command: SMTPCommand?
    public var remoteMTA: String?
    /// The recipient's address: its domain names the receiving provider when no host does.
    public var recipient: String?
    public var reportingMTA: String?

    public init(action: String? = nil, status: StatusCode? = nil, replyCode: ReplyCode? = nil, diagnostic: String? = nil,
                diagnosticType: String? = nil, command: SMTPCommand? = nil, remoteMTA: String? = nil,
                recipient: String? = nil, reportingMTA: String? = nil) {
        self.action = action
        self.status = status
        self.replyCode = replyCode
        self.diagnostic = diagnostic
        self.diagnosticType = diagnosticType
        self.command = command
        self.remoteMTA = remoteMTA
        self.recipient = recipient
        self.reportingMTA = reportingMTA
    }

    /// The receiving providers this evidence points to: by remote host, recipient domain, then
    /// the reply's own signature in `text` (the diagnostic, prepared for search).
    func providers(text: SearchText) -> [Provider] {
        let domain = recipient.flatMap(Self.lastPart)
        return Provider.identify(hosts: [remoteMTA, domain].compactMap { $0 }, text: text)
    }

    /// The text after the last "@" that something follows (what `split(separator: "@").last`
    /// gives), found in the bytes of plain ASCII, by Characters otherwise.
    static func lastPart(_ address: String) -> String? {
        guard PlainASCII.isPlain(address) else { return address.split(separator: "@").last.map(String.init) }
        var address = address
        return address.withUTF8 { bytes in
            var end = bytes.count
            while end > 0, bytes[end - 1] == 0x40 { end -= 1 }
            guard end > 0 else { return nil }
            let start = bytes[..<end].lastIndex(of: 0x40).map { $0 + 1 } ?? 0
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        }
    }

    /// The index in `ProviderRules.rules` of the provider rule that decides this evidence, if
    /// any; `text` is the diagnostic prepared for search.
    func providerRuleIndex(text: SearchText) -> Int? {
        guard !text.isEmpty else { return nil }
        return ProviderRules.match(text, status: status, providers: providers(text: text))
    }

    /// The recipient's domain where the reporting server belongs to it (`mx.example.org`
    /// reporting about `a@example.org`): a domain that certainly exists. `reportingMTA` is the
    /// host name, its `dns;` type already removed (`DeliveryStatus.typedValue`).
    var reportersOwnDomain: String? {
        guard let recipient, let at = recipient.lastIndex(of: "@"), let host = reportingMTA?.lowercased() else { return nil }
        let domain = recipient[recipient.index(after: at)...].lowercased()
        guard !domain.isEmpty, host == domain || host.hasSuffix("." + domain) else { return nil }
        return domain
    }

    /// The evidence in one line, for the decision's trace.
    var summary: String {
        var parts = ["action \(action ?? "none")", "status \(status?.description ?? "none")",
                     "reply \(replyCode.map { String($0.value) } ?? "none")"]
        if let command { parts.append("answering \(command)") }
        if let diagnosticType { parts.append("diagnostic type \(diagnosticType)") }
        let text = (diagnostic ?? "").prefix(160)
        return "evidence: " + parts.joined(separator: ", ") + (text.isEmpty ? "; no diagnostic" : "; diagnostic “\(text)”")
    }
}
