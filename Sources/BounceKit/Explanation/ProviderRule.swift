/// What one receiver means by one reply: matched by its provider, its wording and, where the
/// wording is shared, its enhanced status code. From `shared/reference/smtp-codes.tsv` and the
/// providers' published code lists.
struct ProviderRule: Sendable {
    /// Nil for rules about third parties any receiver may quote (block lists, SPF checkers).
    let provider: Provider?
    /// Any of these, lowercased, in the reply text.
    let phrases: [Phrase]
    /// When set, the enhanced status code must be one of these.
    let codes: [String]
    let reason: Reason
    /// The provider's own advice, when more precise than the reason's.
    let remedy: String?
    /// Overrides the reason's sender-side default where the provider says otherwise.
    let senderSide: Bool?

    init(_ provider: Provider?, _ phrases: [Phrase], codes: [String] = [], _ reason: Reason, remedy: String? = nil,
         senderSide: Bool? = nil) {
        self.provider = provider
        self.phrases = phrases
        self.codes = codes
        self.reason = reason
        self.remedy = remedy
        self.senderSide = senderSide
    }

    func matches(_ text: SearchText, status: StatusCode?) -> Bool {
        if !codes.isEmpty {
            guard let status, codes.contains(status.description) else { return false }
        }
        return phrases.isEmpty || phrases.contains(where: text.contains)
    }
}
