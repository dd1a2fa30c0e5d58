/// Phrases in diagnostic and report text that name a reason. Phrases are lowercase substrings;
/// within a table the first row with a matching phrase wins. Gathered from the wording of
/// Postfix, Exim, Sendmail, qmail, Exchange and the large providers (see `shared/reference/`).
enum ReasonPhrases {
    /// Unmistakable phrases: they decide even against a status code that says otherwise (a
    /// receiver's `550 5.1.1 … has sent to too many recipients this hour` is rate limiting).
    static let strong: [(Reason, [Phrase])] = [
        (.virusdetected, ["virus", "malware", "infected with", "trojan"]),
        (.spamdetected, [
            "spam classification", "rejected as spam", "identified as spam", "classified as spam", "detected as spam",
            "considered spam", "considered as spam", "looks like spam", "spam content", "spam message rejected",
        ]),
        (.networkerror, ["had no relevant answers", "host not found, try again"]),
        // Wording that can only mean the address: local delivery agents, Exchange, IMail, carriers.
        (.userunknown, [
            "not listed in domino directory", "not listed in public name & address book", "recipient name is not recognized",
            "mail.local: unknown user", "unknown user:", "no valid recipients for this", "check if address is correct",
        ]),
        (.blocked, ["invalid ip for sending", "smtp server of your isp", "dynamic ip", "residential ip"]),
        (.expired, ["have been failing for a long time", "did not accept our requests to connect"]),
        (.failedstarttls, [
            "does not support tls", "does not support starttls", "tls is required", "starttls is required",
            "must issue a starttls", "requires tls", "tls required", "encryption required", "must use tls",
        ]),
        (.hostunknown, ["dns lookup failure: host"]),
        (.spamdetected, ["body of message generated response"]),
        (.rejected, ["an address that has been blacklisted", "not a member of this mailing list", "only members can post"]),
        (.syntaxerror, ["malformed address"]),
        (.requireptr, ["unverifyable sending ip", "unverifiable sending ip"]),
        (.notaccept, [
            "couldn't find a mail exchanger", "indicated no smtp service", "no mx record found", "no mx found for",
            "responded with code noerror", "null mx", "accepts no mail", "does not accept mail",
            "domain does not accept",
        ]),
        (.networkerror, ["dns error", "dns type"]),
        (.userunknown, ["recipient address rejected: access denied", "address couldn't be found", "address could not be found"]),
        (.blocked, ["banned sending ip", "client host blocked", "ip address blacklisted", "blacklisted by", "adresse ip source bloquee"]),
        (.badreputation, ["reputation"]),
        (.norelaying, [
            "relay access denied", "relaying denied", "relay denied", "not permitted to relay", "relay not permitted",
            "unable to relay", "we do not relay", "no relaying", "relaying not allowed", "relay prohibited",
            "isn't in my list of allowed rcpthosts", "not in my list of allowed rcpthosts", "not allowed to relay",
            "relay not allowed", "relaying is prohibited", "relaying mail to",
        ]),
        (.ratelimited, [
            "too many recipients this hour", "sent to too many recipients", "connection frequency limited",
            "too many connections", "too many concurrent", "rate limit", "ratelimit", "rate-limit", "throttl",
            "sending rate", "receiving mail at a rate", "exceeded the rate", "too many sessions", "too many recipients",
            "recipients exceeded", "unexpected volume", "too many messages from", "too much mail from",
        ]),
        (.notcompliantrfc, [
            "not rfc 5322", "rfc 5322 compliant", "rfc5322 compliant", "not rfc 2822", "rfc 2822 compliant",
            "multiple addresses in from", "duplicate header", "multiple subject", "multiple from", "multiple message-id",
            "does not comply with rfc", "non-compliant with rfc", "not compliant with rfc",
        ]),
        (.hostunknown, [
            "host unknown", "unknown host", "host not found", "domain not found", "no such domain", "domain does not exist",
            "domain name not found", "name or service not known", "unrouteable mail domain", "unknown domain",
            "host or domain name not found", "domain doesn't exist", "nodename nor servname", "hostname not found",
            "host name not found", "domain unknown", "unknown mail domain", "domain could not be found",
            "no mx record", "mx record", "no mx ",
        ]),
        (.networkerror, [
            "dns query failed", "name service error", "dns error", "dns type", "temporary failure in name resolution",
            "name server reply", "loops back to myself", "mail loop", "routing loop", "too many hops", "hop count exceeded",
            "loop detected",
        ]),
        (.authfailure, [
            "spf check", "spf fail", "spf validation", "sender policy framework", " spf ", "spf)", "spf record", "spf=fail",
            "dkim", "dmarc", "unauthenticated email", "authentication information", "fails to pass authentication",
            "not pass authentication", "domainkeys", "sender authentication", "arc validation",
        ]),
        (.requireptr, [
            "reverse dns", "reverse lookup", "rdns", "ptr record", "no ptr", "ptr lookup", "reverse name",
            "cannot find your hostname", "cannot find your reverse", "cannot resolve your address",
            "ip name lookup failed", "unresolvable hostname", "does not have a reverse", "no reverse",
            "reverse resolution", "please set up a ptr", "reverse-dns", "your host name doesn't match",
            "not resolve to your ip", "mismatches client ip",
        ]),
        (.policyviolation, [
            "content presents a potential security issue", "illegal attachment", "denied by policy", "policy reasons",
            "rejected for policy", "due to local policy", "policy violation", "violates our policy", "policy restrictions",
        ]),
        (.securityerror, ["unauthenticated senders"]),
        (.suspend, [
            "account is blocked", "account has been blocked", "account disabled", "account has been disabled",
            "account is disabled", "mailbox disabled", "mailbox is disabled", "mailbox has been disabled", "account suspended",
            "account has been suspended", "account is suspended", "mailbox suspended", "mailbox is suspended",
            "user suspended", "suspended account", "recipient suspended",
            "account is inactive", "inactive user", "inactive account", "mailbox is inactive", "account inactive",
            "account closed", "account has been closed", "deactivated", "account locked", "mailbox is frozen",
            "account expired",
        ]),
        (.mailboxfull, [
            "mailbox full", "mailbox is full", "mailbox size limit", "over quota", "overquota", "quota exceeded",
            "exceeded storage", "exceeds the storage", "storage quota", "mail quota", "user quota", "disk quota",
            "account is full", "full mailbox", "box is full", "inbox is full", "inbox full", "exceed quota",
            "exceeds quota", "exceeded quota", "mailbox has exceeded", "quota full", "is over its quota",
            "mailfolder is full", "recipient's mailbox is full", "maildir over quota", "mail box full",
            "mailbox exceeded", "insufficient storage for user", "mailbox exceeds allowed size",
        ]),
        (.emailtoolarge, [
            "message too large", "message is too large", "message too big", "message size exceeds", "exceeds size limit",
            "message length exceeds", "message file too big", "mail too large", "size limit exceeded",
            "exceeds the maximum message size", "exceeds maximum message size",
        ]),
        (.hasmoved, ["has moved", "address has changed", "user has moved", "no longer at this address"]),
        (.rejected, [
            "sender address rejected", "sender rejected", "domain of sender", "sender domain", "sender verify",
            "sender verification", "invalid sender", "sender unknown", "unknown sender", "sender is not allowed",
            "sender not allowed", "envelope sender", "sender denied", "sender blocked", "bad sender", "sender invalid",
            "access denied", "purported responsible address",
        ]),
    ]

    /// Wording that names a reason when no status code is precise enough.
    static let general: [(Reason, [Phrase])] = [
        (.networkerror, ["requests to connect"]),
        (.userunknown, [
            "user unknown", "unknown user", "no such user", "no such mailbox", "no such recipient", "no such account",
            "unknown recipient", "recipient unknown", "recipient not found", "recipientnotfound", "user not found",
            "mailbox not found", "invalid recipient", "invalid mailbox", "unknown mailbox", "mailbox unknown",
            "does not exist", "doesn't exist", "not exist", "unknown local part", "unknown address", "address unknown",
            "addressee unknown", "user doesn't have", "no mailbox here", "no mailbox by that name",
            "not a valid mailbox", "is not a valid recipient", "not a known user", "user not known",
            "bad destination mailbox", "unrouteable address", "unknown or illegal alias", "no account by that name",
            "invalid address", "recipient address rejected.", "no valid recipient", "user invalid",
            "undeliverable address", "not our customer", "mailbox unavailable", "unknown account",
            "account unknown", "unknown email address", "recipient does not", "user is unknown", "mailbox does not",
            "no such person", "invalid user", "this user doesn't", "not a valid user", "name is not recognized",
            "mailbox is unavailable", "user account is unavailable", "no longer available", "no longer valid",
            "sorry, no mailbox", "user does not", "unknown in",
        ]),
        (.blocked, [
            "blacklist", "block list", "blocklist", "blocked", "listed in", "listed on", "dnsbl", "rbl", "spamhaus",
            "spamcop", "sorbs", "barracuda", "banned", "your ip", "your host", "client host", "not allowed to connect",
            "refused to talk", "connection refused by", "rejected because of your ip", "ip address", "denied by",
            "refused by", "connecting host", "sending host", "sender ip", "host rejected", "not welcome",
        ]),
        (.spamdetected, [
            "spam", "junk", "unsolicited", "bulk mail", "looks like", "high score", "message content rejected",
            "content rejected", "scam", "phish",
        ]),
        (.rejected, ["return path", "return-path", "mail from", "from address", "sender address", "not allowed to send", "your domain"]),
        (.failedstarttls, ["starttls", "tls required", "requires tls", "encryption required", "tls is required"]),
        (.securityerror, [
            "authentication required", "must be authenticated", "authentication is required", "security",
            "insecure", "not authenticated", "please authenticate", "submission requires",
        ]),
        (.notcompliantrfc, ["rfc 5322", "rfc5322", "rfc 2822", "rfc2822", "non-compliant", "malformed", "improperly formatted"]),
        (.contenterror, ["content error", "header error", "invalid mime", "mime error", "attachment", "content type"]),
        (.emailtoolarge, ["message size", "size exceeds", "exceeds size", "too big", "size limit", "exceeds the limit", "larger than"]),
        (.mailboxfull, ["quota", "would exceed", "not enough storage", "out of storage", "too many messages in"]),
        (.suspend, ["disabled", "inactive", "not active", "dormant"]),
        (.policyviolation, ["policy", "violates", "violation", "prohibited", "not permitted", "not allowed", "restricted", "administrative"]),
        (.filtered, [
            "filtered", "filter", "rejected by the recipient", "refused by the recipient", "refused the message",
            "delivery not authorized", "message refused", "user reject", "recipient reject",
        ]),
        (.notaccept, ["does not accept mail", "accepts no mail", "not accepting mail", "null mx", "does not receive mail", "not accept"]),
        (.systemfull, ["disk full", "insufficient system storage", "out of disk", "file system full", "insufficient disk", "disk space"]),
        (.mailererror, [
            "mailer error", "command died", "exit status", "procmail", "pipe to", "command failed", "program failed",
            "unknown mailer", "local delivery failed", "exit code",
        ]),
        (.expired, [
            "retry timeout exceeded", "attempts:", "retry time", "delivery time expired", "message expired", "has expired",
            "too long in queue", "queue too long", "been in the queue", "giving up", "could not be delivered within",
            "was not delivered within", "maximum time", "timeout exceeded", "expired", "unable to deliver in",
        ]),
        (.networkerror, [
            "connection refused", "connection timed out", "timed out", "network is unreachable", "no route to host",
            "lost connection", "connection reset", "name lookup failure", "dns lookup", "unreachable", "could not connect",
            "cannot connect", "unable to connect", "connection dropped", "connection closed", "broken pipe",
            "network error", "dns failure", "servfail", "temporary lookup failure", "host not reachable",
            "host unreachable",
        ]),
        (.syntaxerror, [
            "syntax error", "command unrecognized", "command not recognized", "unrecognized command", "bad sequence",
            "line too long", "not implemented", "command parameter",
        ]),
        (.systemerror, [
            "system error", "internal error", "server error", "local error", "temporary local problem",
            "configuration error", "config error", "system config", "service unavailable", "temporarily unavailable",
            "server busy", "insufficient resources", "service currently unavailable", "internal server", "i/o error", "transaction failed",
        ]),
        (.hostunknown, ["domain is not", "invalid domain", "illegal domain", "bad domain", "not a valid domain"]),
    ]

    static func matchStrong(_ text: SearchText) -> Reason? {
        match(text, in: strong)
    }

    static func matchGeneral(_ text: SearchText) -> Reason? {
        match(text, in: general)
    }

    private static func match(_ text: SearchText, in table: [(Reason, [Phrase])]) -> Reason? {
        guard !text.isEmpty else { return nil }
        for (reason, phrases) in table where phrases.contains(where: text.contains) {
            return reason
        }
        return nil
    }
}
