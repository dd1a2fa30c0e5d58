/// Why a message was not delivered (or what a report says), by the names of the Sisimai 5.6
/// taxonomy so results compare name for name. See `shared/reference/reasons.md`.
public enum Reason: String, Sendable, CaseIterable, Codable {
    case authfailure, badreputation, blocked, contenterror, delivered, emailtoolarge, expired
    case failedstarttls, feedback, filtered, hasmoved, hostunknown, mailboxfull, mailererror
    case networkerror, norelaying, notaccept, notcompliantrfc, onhold, policyviolation, ratelimited
    case rejected, requireptr, securityerror, spamdetected, suppressed, suspend, syntaxerror
    case systemerror, systemfull, undefined, userunknown, vacation, virusdetected

    /// Reasons where no retry can ever work: the address or the domain does not exist.
    /// `notaccept` is hard only as a permanent (5.x.x) failure.
    public func isHard(permanent: Bool) -> Bool {
        switch self {
        case .userunknown, .hostunknown, .hasmoved: return true
        case .notaccept: return permanent
        default: return false
        }
    }

    /// Rejections caused by the sending side (its IP, its domain's authentication, its content or
    /// policy), where the recipient's address is not at fault.
    public var isSenderSide: Bool {
        switch self {
        case .authfailure, .badreputation, .blocked, .requireptr, .policyviolation, .spamdetected,
             .rejected, .norelaying, .securityerror, .failedstarttls, .contenterror, .notcompliantrfc,
             .virusdetected, .ratelimited, .syntaxerror:
            return true
        default:
            return false
        }
    }
}
