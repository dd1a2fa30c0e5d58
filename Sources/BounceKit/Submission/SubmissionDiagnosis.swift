/// A submission failure explained: the reason, a cause quoting the server's own words, what the
/// user or administrator should do, and whether retrying unchanged may work. Built from
/// `shared/reference/smtp-codes.tsv` and the providers' documentation.
public struct SubmissionDiagnosis: Sendable, Equatable {
    public var reason: SubmissionReason
    public var cause: String
    public var remedy: String
    /// A retry may work without anyone changing anything. Never true for 535: repeated failed
    /// sign-ins lock accounts.
    public var transient: Bool
    /// The enhanced status code (RFC 3463), if the server gave one.
    public var status: String?
    public var replyCode: Int?

    public init(reason: SubmissionReason, cause: String, remedy: String, transient: Bool, status: String? = nil,
                replyCode: Int? = nil) {
        self.reason = reason
        self.cause = cause
        self.remedy = remedy
        self.transient = transient
        self.status = status
        self.replyCode = replyCode
    }
}
