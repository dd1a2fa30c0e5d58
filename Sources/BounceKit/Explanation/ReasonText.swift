/// Plain words for each reason: what it means (a clause for the cause sentence) and what the
/// sender should do (the default remedy, when no provider rule says better).
/// See `shared/reference/reasons.md` and `smtp-codes.tsv`.
enum ReasonText {
    static func meaning(_ reason: Reason) -> String {
        switch reason {
        case .authfailure: return "the message failed the receiver's SPF, DKIM or DMARC checks for the sending domain"
        case .badreputation: return "the receiver distrusts the sending IP address or domain (poor reputation)"
        case .blocked: return "the sending server's IP address or host name is blocked"
        case .contenterror: return "the receiver refused the message's header format or attachment content"
        case .delivered: return "the message was delivered"
        case .emailtoolarge: return "the message is larger than the receiver accepts"
        case .expired: return "delivery kept failing until the sending server gave up"
        case .failedstarttls: return "the receiver requires an encrypted (TLS) connection that was not made"
        case .feedback: return "the recipient reported the message as unwanted"
        case .filtered: return "a filter at the receiver refused the message"
        case .hasmoved: return "the mailbox has moved and mail is not forwarded"
        case .hostunknown: return "the recipient's domain does not exist or does not receive mail"
        case .mailboxfull: return "the recipient's mailbox is full"
        case .mailererror: return "the receiving mail program failed"
        case .networkerror: return "a DNS or network failure stopped delivery"
        case .norelaying: return "the server refused to relay the message to the recipient's domain"
        case .notaccept: return "the recipient's domain accepts no mail"
        case .notcompliantrfc: return "the message does not comply with the mail standards (RFC 5322)"
        case .onhold: return "the report gives no definite cause"
        case .policyviolation: return "the receiver's policy refused the message"
        case .ratelimited: return "too many messages or connections arrived too fast"
        case .rejected: return "the receiver refused the sender address"
        case .requireptr: return "the sending server has no matching reverse DNS (PTR) record"
        case .securityerror: return "a security rule at the receiver refused the message"
        case .spamdetected: return "the receiver's spam filter refused the message"
        case .suppressed: return "the sending side's own suppression list stopped the message"
        case .suspend: return "the recipient's account is disabled or suspended"
        case .syntaxerror: return "the receiver refused the SMTP commands it was sent"
        case .systemerror: return "the receiving mail system had an error"
        case .systemfull: return "the receiving server's disk is full"
        case .undefined: return "no cause could be determined"
        case .userunknown: return "the mailbox does not exist"
        case .vacation: return "the recipient is away and answered automatically"
        case .virusdetected: return "a virus scanner at the receiver refused the message"
        }
    }

    static func remedy(_ reason: Reason) -> String {
        switch reason {
        case .authfailure:
            return "Fix the sending domain's authentication: SPF must list the sending server, DKIM must sign with the From "
                + "domain, and both must align with the DMARC policy. The recipient's address is not at fault."
        case .badreputation:
            return "Send through the mail provider's SMTP server, authenticate the domain (SPF, DKIM, DMARC) and reduce "
                + "complaints; ask the provider to check the sending IP's reputation. The recipient's address is not at fault."
        case .blocked:
            return "Ask the mail provider or IT to look up the sending IP on the block list the reply names and request "
                + "delisting after fixing the cause. The recipient's address is not at fault."
        case .contenterror:
            return "Change the content the receiver refused (attachment type, header format) and resend."
        case .delivered:
            return "Nothing to do."
        case .emailtoolarge:
            return "Make the message smaller (compress attachments or share a link) and resend."
        case .expired:
            return "Resend later; if it keeps failing, ask the recipient's administrator to check their mail server."
        case .failedstarttls:
            return "Enable TLS (STARTTLS, TLS 1.2 or later) on the sending server, or ask the recipient's administrator "
                + "about their TLS requirement."
        case .feedback:
            return "Stop sending to this address (unsubscribe it) and review why the recipient did not expect the mail."
        case .filtered:
            return "Ask the recipient to allow the sender, or reach them another way; check that the address is right."
        case .hasmoved:
            return "Ask the recipient for their new address and update it; do not resend to this one."
        case .hostunknown:
            return "Check the part after @ for typos and correct the address; the domain does not receive mail, so "
                + "resending will fail again."
        case .mailboxfull:
            return "Resend later, or reach the recipient another way: they must free space in their mailbox."
        case .mailererror, .systemerror, .systemfull:
            return "Resend later; if it persists, tell the recipient's administrator (the fault is on their side)."
        case .networkerror:
            return "Resend later; if it persists, ask the recipient's administrator to check their domain's DNS and MX records."
        case .norelaying:
            return "Send through your own provider's SMTP server with authentication (user name and password or OAuth); "
                + "if that is already so, the recipient's domain's MX records may be wrong."
        case .notaccept:
            return "Use another address: this domain publishes that it accepts no mail."
        case .notcompliantrfc:
            return "Report it to support: the sending software must write one valid From, a Message-ID and standard headers."
        case .onhold:
            return "Read the diagnostic; resend later if the message is still needed."
        case .policyviolation:
            return "Ask the recipient or their administrator to allow the sender, or remove what their policy refuses."
        case .ratelimited:
            return "Resend later and spread sending over time (fewer messages per minute and per connection)."
        case .rejected:
            return "Check the sender address: its domain must exist and be authorised (SPF) for the sending server."
        case .requireptr:
            return "Ask the mail provider or IT to give the sending IP a reverse DNS (PTR) name that resolves back to it."
        case .securityerror:
            return "Ask the recipient's administrator which rule refused the sender and to allow it."
        case .spamdetected:
            return "Review the content and links, authenticate the domain (SPF, DKIM, DMARC) and ask the recipient to "
                + "allow-list the sender."
        case .suppressed:
            return "Remove the address from the suppression list only if it is known to work again."
        case .suspend:
            return "Reach the recipient another way: their account is disabled."
        case .syntaxerror:
            return "Report it to support with this event: the sending software sent something the server did not accept."
        case .undefined:
            return "Read the stored message to decide."
        case .userunknown:
            return "Correct the recipient's address or remove it: the mailbox does not exist, so resending will fail again."
        case .vacation:
            return "Nothing to do: the message arrived. Follow up after the recipient's return if it is urgent."
        case .virusdetected:
            return "Scan the attachment the receiver flagged, remove it and resend."
        }
    }
}

extension Reason {
    /// What the reason means, in one line (the clause the cause sentence uses), for `events reasons`.
    public var meaning: String { ReasonText.meaning(self) }
}
