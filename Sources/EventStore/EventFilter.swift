import Foundation
import GRDB

/// What `events list` and `events stats` select: every condition is optional and they combine with AND.
public struct EventFilter: Sendable, Equatable {
    public var failedOnly = false
    public var since: Date?
    public var until: Date?
    public var recipient: String?
    public var reason: String?
    public var kind: String?
    /// Events matched to messages this ERP user sent (and their submission errors).
    public var userCode: String?
    /// Events matched to one outgoing message.
    public var outgoingID: Int64?

    public init(failedOnly: Bool = false, since: Date? = nil, until: Date? = nil, recipient: String? = nil,
                reason: String? = nil, kind: String? = nil, userCode: String? = nil, outgoingID: Int64? = nil) {
        self.failedOnly = failedOnly
        self.since = since
        self.until = until
        self.recipient = recipient
        self.reason = reason
        self.kind = kind
        self.userCode = userCode
        self.outgoingID = outgoingID
    }

    /// The request for these conditions, newest first.
    public var request: QueryInterfaceRequest<Event> {
        var request = Event.all()
        if failedOnly { request = request.failed() }
        if let since { request = request.since(since) }
        if let until { request = request.until(until) }
        if let recipient { request = request.recipient(recipient) }
        if let reason { request = request.reason(reason) }
        if let kind { request = request.kind(kind) }
        if let userCode { request = request.sentBy(userCode) }
        if let outgoingID { request = request.forOutgoing(outgoingID) }
        return request.newestFirst()
    }
}
