/// A mailbox with an optional display name, `name <address>` (RFC 5322 §3.4). Non-ASCII names
/// are written as RFC 2047 encoded-words by `MessageComposer`.
public struct MailboxAddress: Sendable, Equatable {
    public var name: String?
    public var address: String

    public init(_ address: String, name: String? = nil) {
        self.address = address
        self.name = name
    }
}
