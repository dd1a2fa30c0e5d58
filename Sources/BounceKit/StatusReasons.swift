/// The reason an enhanced status code names by itself, per RFC 3463 and the IANA registry of
/// enhanced status codes (RFC 5248), in the taxonomy of `Reason`. Codes whose meaning depends on
/// the receiver (x.7.1, x.0.0, …) are left to the diagnostic text.
enum StatusReasons {
    /// Codes precise enough to decide the reason before any text is read.
    static func decisive(_ code: StatusCode) -> Reason? {
        switch (code.subject, code.detail) {
        case (1, 1): return .userunknown
        case (1, 2): return .hostunknown
        case (1, 6): return .hasmoved
        case (2, 2): return .mailboxfull
        case (3, 4): return .emailtoolarge
        case (7, 25): return .requireptr
        case (7, 23), (7, 24), (7, 26): return .authfailure
        case (7, 27): return .notaccept
        default: return nil
        }
    }

    /// The reason a code suggests when the text names none.
    static func fallback(_ code: StatusCode) -> Reason? {
        switch (code.subject, code.detail) {
        case (1, 0): return .userunknown
        case (1, 3), (1, 4), (1, 5): return .userunknown
        case (1, 7), (1, 8): return .rejected
        case (1, 9): return .systemerror
        case (1, 10): return .notaccept
        case (2, 0): return .filtered
        case (2, 1): return .suspend
        case (2, 3): return .emailtoolarge
        case (2, 4): return .mailererror
        case (3, 0), (3, 2), (3, 5): return .systemerror
        case (3, 1): return .systemfull
        case (3, 3): return .contenterror
        case (4, 0), (4, 1), (4, 2), (4, 3), (4, 5), (4, 6): return .networkerror
        case (4, 4): return .hostunknown
        case (4, 7): return .expired
        case (5, 0), (5, 1), (5, 2), (5, 4), (5, 5): return .syntaxerror
        case (5, 3): return .emailtoolarge
        case (5, 6): return .notcompliantrfc
        case (6, _): return .contenterror
        case (7, 0): return .securityerror
        case (7, 1): return .securityerror
        case (7, 2), (7, 3), (7, 4), (7, 5), (7, 6), (7, 7), (7, 8), (7, 9), (7, 11), (7, 12), (7, 13), (7, 14): return .securityerror
        case (7, 10), (7, 30): return .failedstarttls
        case (7, 15), (7, 16), (7, 17), (7, 18), (7, 19), (7, 20), (7, 21), (7, 22): return .authfailure
        case (7, 28): return .ratelimited
        default: return nil
        }
    }
}
