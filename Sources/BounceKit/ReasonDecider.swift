/// Decides a finding's reason from what a report says about one recipient: a status code precise
/// enough on its own, else the diagnostic text, else what the status code suggests, else the reply
/// code. Provider-specific rules come first where a detector knows the receiving host.
public enum ReasonDecider {
    public static func decide(action: String?, status: StatusCode?, replyCode: ReplyCode?, diagnostic: String?) -> Reason {
        switch action {
        case "delivered", "relayed", "expanded":
            return .delivered
        case "delayed":
            // A delay notice: delivery is still being tried. The reference taxonomy files these
            // under `expired` (not yet delivered in time); the finding's kind says `delay`.
            return .expired
        default:
            break
        }
        if let status, !status.isGeneric, let reason = StatusReasons.decisive(status) {
            return reason
        }
        if let diagnostic, let reason = ReasonPhrases.match(diagnostic.lowercased()) {
            return reason
        }
        if let status, !status.isGeneric, let reason = StatusReasons.fallback(status) {
            return reason
        }
        if action == "failed", status?.isTransient == true {
            // Failed with a transient code: the queue lifetime ran out (Postfix writes this).
            return .expired
        }
        if let status, status.class == 2 { return .delivered }
        return .onhold
    }
}
