/// Why a message could not be composed: what was wrong, in which field, and what to change.
/// Refuses header injection (CR or LF in a header, RFC 5322 §2.2) and malformed addresses.
public struct ComposeError: Error, CustomStringConvertible, Equatable, Sendable {
    /// What kind of failure, for callers that branch on it; more may be added.
    public struct Code: Hashable, Sendable {
        private enum Base: Hashable, Sendable { case headerInjection, invalidAddress, invalidHeader, noRecipients, library }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// A header name or value contains CR, LF or NUL.
        public static let headerInjection = Code(.headerInjection)
        /// An address is not `local@domain` without spaces, angle brackets or line breaks.
        public static let invalidAddress = Code(.invalidAddress)
        /// A header name, Message-ID or content type is malformed.
        public static let invalidHeader = Code(.invalidHeader)
        /// Neither To nor Cc has an address.
        public static let noRecipients = Code(.noRecipients)
        /// libetpan could not build or write the message (out of memory).
        public static let library = Code(.library)
    }

    public let code: Code
    public let description: String

    init(_ code: Code, _ description: String) {
        self.code = code
        self.description = description
    }
}
