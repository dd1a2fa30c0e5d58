import EventStore

/// The company's event mailbox (`company_name@event.data.directo.ee`): the From of reply-to mail
/// and, with a signed tag after a `+` (VERP style), its envelope sender, so every bounce comes back
/// there and names the message it belongs to.
public struct EventAddress: Sendable, Equatable, CustomStringConvertible {
    public static let defaultDomain = Setting.defaultEventDomain

    public var companyName: String
    public var domain: String

    public init(companyName: String, domain: String = EventAddress.defaultDomain) {
        self.companyName = companyName
        self.domain = domain
    }

    /// `company_name@domain`.
    public var description: String { "\(companyName)@\(domain)" }

    /// `company_name+TAG@domain`.
    public func envelopeSender(tag: String) -> String { "\(companyName)+\(tag)@\(domain)" }

    /// Letters, digits, '.', '_' and '-', not starting or ending with '.', and no '+' (the tag's separator).
    public static func isLocalPart(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 48 && !text.hasPrefix(".") && !text.hasSuffix(".") && !text.contains("..")
            && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "_" || $0 == "-") }
    }

    public static func isDomain(_ text: String) -> Bool {
        let labels = text.split(separator: ".", omittingEmptySubsequences: false)
        return labels.count >= 2 && text.count <= 253 && labels.allSatisfy { label in
            !label.isEmpty && label.count <= 63 && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        }
    }
}
