import MailModel

/// The machine-readable part of an abuse report, `message/feedback-report`. RFC 5965 §3.1 (ARF),
/// RFC 6591 (authentication failure reports).
///
///     feedback-type = "Feedback-Type:" [CFWS] token [CFWS] CRLF        (RFC 5965 §3.5)
///     original-rcpt-to = "Original-Rcpt-To:" [CFWS] addr-spec CRLF     (RFC 5965 §3.5)
public struct FeedbackReport: Sendable, Equatable {
    /// `Feedback-Type`, lowercased: abuse, fraud, virus, other, not-spam, auth-failure (RFC 6591).
    public var feedbackType: String?
    public var userAgent: String?
    /// `Original-Mail-From`: the envelope sender of the reported message.
    public var originalMailFrom: String?
    /// Every `Original-Rcpt-To`: the recipients who complained (RFC 5965 allows several).
    public var originalRecipients: [String]
    /// `Removal-Recipient` (RFC 5965 §3.2, for opt-out reports).
    public var removalRecipients: [String]
    public var arrivalDate: String?
    public var sourceIP: String?
    public var reportedDomain: String?
    /// `Auth-Failure` (RFC 6591 §3.2.2): dkim, spf, adsp, bodyhash, revoked, …
    public var authFailure: String?

    public init(_ text: String) {
        let fields = HeaderBlock.parse(Substring(text))
        feedbackType = fields["feedback-type"].map { $0.trimmingWhitespace().lowercased() }
        userAgent = fields["user-agent"]
        originalMailFrom = fields["original-mail-from"].flatMap { Address.normalize($0) }
        originalRecipients = fields.all("original-rcpt-to").compactMap { Address.fromReportField($0) }.filter(Address.isAddress)
        removalRecipients = fields.all("removal-recipient").compactMap { Address.fromReportField($0) }.filter(Address.isAddress)
        arrivalDate = fields["arrival-date"] ?? fields["received-date"]
        sourceIP = fields["source-ip"]
        reportedDomain = fields["reported-domain"]
        authFailure = fields["auth-failure"].map { $0.trimmingWhitespace().lowercased() }
    }
}
