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

    public init(action: String? = nil, status: StatusCode? = nil, replyCode: ReplyCode? = nil, diagnostic: String? = nil,
                diagnosticType: String? = nil, command: SMTPCommand? = nil, remoteMTA: String? = nil) {
        self.action = action
        self.status = status
        self.replyCode = replyCode
        self.diagnostic = diagnostic
        self.diagnosticType = diagnosticType
        self.command = command
        self.remoteMTA = remoteMTA
    }
}
