import BounceKit
import EventStore
import MailModel

/// The companies whose event addresses (`NAME@event-domain`) messages arrive at, for attributing
/// each message to one. Loaded once per run; safe to share between threads.
public struct CompanyDirectory: Sendable, Equatable {
    /// The event domain, lowercased.
    public let domain: String
    /// Company ids by lowercased name.
    let ids: [String: Int64]

    /// At most this many addresses are read from a message's envelope fields: a report is
    /// delivered to one or a few, and a hostile message may list thousands.
    static let addressLimit = 64

    public init(domain: String, companies: [Company]) {
        self.domain = domain.lowercased()
        var ids: [String: Int64] = [:]
        for company in companies {
            if let id = company.id { ids[company.name.lowercased()] = id }
        }
        self.ids = ids
    }

    /// The store's companies and event domain.
    public init(store: EventStore) throws(StoreError) {
        self.init(domain: try store.setting(.eventDomain) ?? Setting.defaultEventDomain, companies: try store.companies())
    }

    /// Which company a message delivered to `envelope` belongs to. `envelope` holds the values of
    /// `Delivered-To`, `X-Original-To`, `Envelope-To` and `To`, in that order (the delivering
    /// server's record of the envelope recipient first). The first address at the event domain
    /// whose local part, before any `+tag` (RFC 5233), names a company decides; when none names
    /// one, the message is unattributed and the first event-domain address says where it went.
    /// Nil: it was delivered to no address at the event domain.
    public func attribution(envelope: [String]) -> CompanyAttribution? {
        var firstAtDomain: String?
        var seen = 0
        for value in envelope {
            for address in Address.list(value) {
                seen += 1
                if seen > Self.addressLimit { return firstAtDomain.map { CompanyAttribution(companyID: nil, address: $0) } }
                guard let name = companyName(in: address) else { continue }
                if let id = ids[name] { return CompanyAttribution(companyID: id, address: address) }
                if firstAtDomain == nil { firstAtDomain = address }
            }
        }
        return firstAtDomain.map { CompanyAttribution(companyID: nil, address: $0) }
    }

    /// The lowercased local part before any `+tag` of an address at the event domain; nil for an
    /// address elsewhere.
    public func companyName(in address: String) -> String? {
        var address = address
        // ASCII addresses (nearly all) by bytes: ASCII lowercasing is what lowercased() does to ASCII.
        if let name = address.withUTF8({ bytes -> String?? in
            guard PlainASCII.isASCII(bytes) else { return .none }
            guard let at = bytes.lastIndex(of: UInt8(ascii: "@")),
                  Self.lowercasedASCII(bytes[(at + 1)...]).elementsEqual(domain.utf8) else { return .some(nil) }
            let local = bytes[..<at]
            let name = local[..<(local.firstIndex(of: UInt8(ascii: "+")) ?? at)]
            return .some(String(decoding: Self.lowercasedASCII(name), as: UTF8.self))
        }) {
            return name
        }
        guard let at = address.lastIndex(of: "@"), address[address.index(after: at)...].lowercased() == domain else { return nil }
        let local = address[..<at]
        return local[..<(local.firstIndex(of: "+") ?? local.endIndex)].lowercased()
    }

    private static func lowercasedASCII(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> LazyMapSequence<Slice<UnsafeBufferPointer<UInt8>>, UInt8> {
        bytes.lazy.map(PlainASCII.lowercased)
    }
}

/// The company a message belongs to and the event-domain address that says so.
public struct CompanyAttribution: Sendable, Equatable {
    /// nil: the address names no known company.
    public var companyID: Int64?
    /// The address at the event domain it was delivered to.
    public var address: String

    public init(companyID: Int64?, address: String) {
        self.companyID = companyID
        self.address = address
    }
}
