/// Why a signing key could not be made, loaded, saved or used: the text says which key or file and
/// what to do. See `KeyDirectory` for the layout on disk.
public struct TagKeyError: Error, CustomStringConvertible, Equatable, Sendable {
    /// What kind of failure, for callers that branch on it; more may be added.
    public struct Code: Hashable, Sendable {
        private enum Base: Hashable, Sendable {
            case invalidKeyID, invalidSecret, noCurrentKey, unknownKey, insecurePermissions, unreadable, unwritable
            case invalidOutgoingID, keyInUse
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// A key id that is not 1–8 characters of [a-z0-9].
        public static let invalidKeyID = Code(.invalidKeyID)
        /// A secret that is not 32 bytes (or a key file that is not base64 of 32 bytes).
        public static let invalidSecret = Code(.invalidSecret)
        /// No key is current, so no tag can be signed.
        public static let noCurrentKey = Code(.noCurrentKey)
        /// No key with the requested id.
        public static let unknownKey = Code(.unknownKey)
        /// A key file (or the directory) is readable by group or others.
        public static let insecurePermissions = Code(.insecurePermissions)
        /// A file could not be read.
        public static let unreadable = Code(.unreadable)
        /// A file or the directory could not be written.
        public static let unwritable = Code(.unwritable)
        /// A negative outgoing message id.
        public static let invalidOutgoingID = Code(.invalidOutgoingID)
        /// The key is current and cannot be removed.
        public static let keyInUse = Code(.keyInUse)
    }

    public let code: Code
    public let description: String

    init(_ code: Code, _ description: String) {
        self.code = code
        self.description = description
    }
}
