/// Where one recipient's copy of an outgoing message stands, in one word for a table: the server's
/// answer at submission, overridden by the most telling verified event since (a bounce outranks a
/// complaint, which outranks a delivery report, which outranks a delay).
public enum RecipientOutcome: String, Sendable, CaseIterable {
    /// Recorded but never answered: the run stopped before submitting it.
    case pending
    /// The submission server refused it (a submission_error says why).
    case rejected
    /// Accepted by the submission server; no report came back (yet).
    case accepted
    /// A delay notice came back; no final report yet.
    case delayed
    /// A delivery report (DSN `delivered`/`relayed`) came back.
    case delivered
    /// The recipient complained (an ARF report).
    case complained
    /// A bounce came back: it did not arrive.
    case bounced

    public init(state: OutgoingRecipient.State, eventKinds: [String]) {
        switch state {
        case .pending: self = eventKinds.contains("submission_error") ? .rejected : .pending
        case .rejected: self = .rejected
        case .accepted:
            if eventKinds.contains("bounce") { self = .bounced }
            else if eventKinds.contains("complaint") { self = .complained }
            else if eventKinds.contains("delivered") { self = .delivered }
            else if eventKinds.contains("delay") { self = .delayed }
            else { self = .accepted }
        }
    }
}
