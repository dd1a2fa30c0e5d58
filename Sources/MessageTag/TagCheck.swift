/// The result of checking a tag found in a bounce: signed by one of our keys, signed by a key we
/// do not have (removed, or another installation's), or forged/damaged.
public enum TagCheck: Sendable, Equatable {
    case verified(outgoingID: Int64)
    case unknownKey(keyID: String)
    case badSignature
}
