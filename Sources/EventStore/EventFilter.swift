import Foundation
import GRDB

/// What `events list` selects: every condition is optional and they combine with AND.
public struct EventFilter: Sendable, Equatable {
    public var failedOnly = false
    public var since: Date?
    public var until: Date?
    /// A whole address (`a@example.org`), or a domain (`example.org`, `@example.org`): see `RecipientMatch`.
    public var recipient: String?
    /// The recipient's domain, exactly (a subdomain is another domain), any case.
    public var domain: String?
    /// A piece of the original message's subject, any case.
    public var subject: String?
    public var reason: String?
    public var kind: String?
    /// Events matched to messages this ERP user sent (and their submission errors).
    public var userCode: String?
    /// Events matched to one outgoing message.
    public var outgoingID: Int64?
    /// Whose events: one company's, the unattributed, or all.
    public var company: CompanySelection = .any

    public init(failedOnly: Bool = false, since: Date? = nil, until: Date? = nil, recipient: String? = nil,
                domain: String? = nil, subject: String? = nil, reason: String? = nil, kind: String? = nil,
                userCode: String? = nil, outgoingID: Int64? = nil, company: CompanySelection = .any) {
        self.failedOnly = failedOnly
        self.since = since
        self.until = until
        self.recipient = recipient
        self.domain = domain
        self.subject = subject
        self.reason = reason
        self.kind = kind
        self.userCode = userCode
        self.outgoingID = outgoingID
        self.company = company
    }

    /// The request for these conditions, newest first.
    public var request: QueryInterfaceRequest<Event> {
        var request = Event.all().of(company)
        if failedOnly { request = request.failed() }
        if let since { request = request.since(since) }
        if let until { request = request.until(until) }
        switch recipient.map(RecipientMatch.init) {
        case .address(let address)?: request = request.recipient(address)
        case .domain(let domain)?: request = request.recipientDomain(domain)
        case nil: break
        }
        if let domain { request = request.recipientDomain(RecipientMatch.bareDomain(domain)) }
        if let subject { request = request.subjectContains(subject) }
        if let reason { request = request.reason(reason) }
        if let kind { request = request.kind(kind) }
        if let userCode { request = request.sentBy(userCode) }
        if let outgoingID { request = request.forOutgoing(outgoingID) }
        return request.newestFirst()
    }
}

/// How `--recipient` reads its value: a support desk often knows only the customer's domain, so
/// `example.org` and `@example.org` mean "anyone there", and only a value with a local part is one address.
public enum RecipientMatch: Equatable, Sendable {
    case address(String)
    case domain(String)

    public init(_ value: String) {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if let at = trimmed.firstIndex(of: "@"), at != trimmed.startIndex {
            self = .address(trimmed)
        } else {
            self = .domain(Self.bareDomain(trimmed))
        }
    }

    /// `@Example.org` → `Example.org`: the domain without a leading `@`.
    public static func bareDomain(_ value: String) -> String {
        var domain = Substring(value.trimmingCharacters(in: .whitespaces))
        while domain.first == "@" { domain = domain.dropFirst() }
        return String(domain)
    }
}
