/// The signing keys known to the sender: the current one signs new tags, all of them verify.
public struct KeyRing: Sendable {
    public var keys: [SigningKey]
    /// The id of the key new tags use.
    public var currentID: String?

    public init(keys: [SigningKey], currentID: String?) {
        self.keys = keys
        self.currentID = currentID
    }

    /// The key new tags use, if one is current and present.
    public var current: SigningKey? {
        currentID.flatMap(key(id:))
    }

    public func key(id: String) -> SigningKey? {
        keys.first { $0.id == id }
    }
}
