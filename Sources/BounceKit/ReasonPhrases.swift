/// Phrases in diagnostic and report text that name a reason, tried in order; the first table row
/// with a matching phrase wins. Phrases are lowercase substrings. Gathered from the wording of
/// Postfix, Exim, Sendmail, qmail, Exchange and the large providers (see `shared/reference/`).
enum ReasonPhrases {
    static let table: [(Reason, [String])] = [
        (.virusdetected, ["virus", "malware", "infected", "trojan"]),
        (.authfailure, [
            "spf check", "spf fail", "spf validation", "sender policy framework", " spf ", "spf)", "spf record",
            "dkim", "dmarc", "unauthenticated email", "authentication check", "not pass authentication",
            "domainkeys", "sender authentication", "arc validation",
        ]),
        (.requireptr, [
            "reverse dns", "reverse lookup", "rdns", "ptr record", "no ptr", "ptr lookup", "reverse name",
            "cannot find your hostname", "cannot find your reverse", "cannot resolve your address",
            "client host rejected: cannot find", "ip name lookup failed", "unresolvable hostname",
            "does not have a reverse", "no reverse", "reverse resolution", "please set up a ptr",
            "reverse-dns", "your host name doesn't match", "not resolve to your ip",
        ]),
        (.norelaying, [
            "relay access denied", "relaying denied", "relay denied", "not permitted to relay", "relay not permitted",
            "unable to relay", "we do not relay", "no relaying", "relaying not allowed", "relay prohibited",
            "isn't in my list of allowed rcpthosts", "not in my list of allowed rcpthosts", "relaying mail to",
            "not allowed to relay", "is not a gateway", "relay not allowed", "relaying is prohibited",
            "not local host", "closed relay", "open relay",
        ]),
        (.mailboxfull, [
            "mailbox full", "mailbox is full", "mailbox size limit", "over quota", "overquota", "quota exceeded",
            "exceeded storage", "exceeds the storage", "storage quota", "mail quota", "user quota", "disk quota",
            "account is full", "full mailbox", "box is full", "inbox is full", "inbox full", "insufficient storage for user",
            "would exceed", "exceed quota", "exceeds quota", "exceeded quota", "mailbox has exceeded", "quota full",
            "is over its quota", "over its storage", "out of storage", "mailfolder is full", "not enough storage",
            "recipient's mailbox is full", "maildir over quota", "mail box full", "mailbox exceeded",
            "the user has not enough space", "too many messages in", "mailbox is over", "quota",
        ]),
        (.emailtoolarge, [
            "message too large", "message is too large", "message too big", "message size exceeds", "size exceeds",
            "exceeds size limit", "exceeds the size", "exceeds maximum", "exceeds the maximum", "size limit",
            "too big", "message length exceeds", "message file too big", "message exceeds", "mail too large",
            "too many recipients", "recipients exceeded", "message size", "larger than", "exceeds the limit",
        ]),
        (.hasmoved, ["has moved", "address has changed", "user has moved", "no longer at this address", "moved to"]),
        (.suspend, [
            "account disabled", "account has been disabled", "account is disabled", "mailbox disabled",
            "mailbox is disabled", "mailbox has been disabled", "suspended", "account is inactive",
            "inactive user", "inactive account", "mailbox is inactive", "user inactive", "account inactive",
            "is disabled", "has been disabled", "account closed", "account has been closed", "deactivated",
            "mailbox unavailable: locked", "account locked", "temporarily disabled", "not active",
            "mailbox is frozen", "account expired", "dormant", "status: inactive",
        ]),
        (.userunknown, [
            "user unknown", "unknown user", "no such user", "no such mailbox", "no such recipient", "no such account",
            "unknown recipient", "recipient unknown", "recipient not found", "recipientnotfound", "user not found",
            "mailbox not found", "invalid recipient", "invalid mailbox", "unknown mailbox", "mailbox unknown",
            "does not exist", "doesn't exist", "not exist", "unknown local part", "unknown address", "address unknown",
            "addressee unknown", "user doesn't have", "no mailbox here", "no mailbox by that name",
            "not a valid mailbox", "is not a valid recipient", "not a known user", "user not known",
            "bad destination mailbox", "unrouteable address", "unknown or illegal alias", "no account by that name",
            "invalid address", "address rejected", "recipient rejected", "no valid recipient", "user invalid",
            "undeliverable address", "not our customer", "mailbox unavailable", "unknown account",
            "account unknown", "unknown email address", "recipient does not", "recipient address rejected",
            "user is unknown", "mailbox does not", "no such person", "not listed in", "unknown name",
            "invalid user", "this user doesn't", "no user", "not a valid user", "isn't a valid", "is not a valid",
            "name is not recognized", "not recognized", "mailbox is unavailable", "user account is unavailable",
            "no longer available", "no longer valid", "no longer in use", "is unavailable", "sorry, no mailbox",
            "user does not", "unknown or invalid", "unknown in", "not found",
        ]),
        (.hostunknown, [
            "host unknown", "unknown host", "host not found", "domain not found", "no such domain", "domain does not exist",
            "domain name not found", "name or service not known", "unrouteable mail domain", "unknown domain",
            "host or domain name not found", "domain doesn't exist", "no mx", "mx record", "nodename nor servname",
            "invalid domain", "illegal domain", "domain is not", "hostname not found", "host name not found",
            "domain unknown", "unknown mail domain", "no route for", "nxdomain", "domain could not be found",
            "not a valid domain", "bad domain",
        ]),
        (.blocked, [
            "blacklist", "block list", "blocklist", "blocked", "listed in", "listed on", "dnsbl", "rbl", "spamhaus",
            "spamcop", "sorbs", "barracuda", "banned", "your ip", "your host", "client host", "not allowed to connect",
            "refused to talk", "connection refused by", "access denied", "rejected because of your ip",
            "ip address", "denied by", "refused by", "connecting host", "sending host", "sender ip",
            "your server", "mail server at", "host rejected", "reject by", "not welcome", "rejected by dns",
        ]),
        (.badreputation, ["reputation", "poor sender", "low sender"]),
        (.ratelimited, [
            "too many connections", "too many concurrent", "rate limit", "ratelimit", "rate-limit", "too many messages",
            "throttl", "sending rate", "too fast", "too many mails", "receiving mail at a rate", "exceeded the rate",
            "too many sessions", "connection limit", "try again later, closing", "slow down", "too much mail",
            "too many requests", "limit exceeded",
        ]),
        (.spamdetected, [
            "spam", "junk", "unsolicited", "bulk mail", "looks like", "high score", "message content rejected",
            "content rejected", "uce", "scam", "phish",
        ]),
        (.rejected, [
            "sender rejected", "sender address rejected", "sender domain", "domain of sender", "sender verify",
            "sender verification", "invalid sender", "sender unknown", "unknown sender", "sender is not allowed",
            "sender not allowed", "envelope sender", "return path", "return-path", "mail from", "from address",
            "sender address", "sender denied", "sender blocked", "bad sender", "sender invalid", "not allowed to send",
            "sender mismatch", "senders domain", "sender's domain", "your domain",
        ]),
        (.failedstarttls, ["starttls", "tls required", "requires tls", "must issue a starttls", "encryption required", "tls is required"]),
        (.securityerror, [
            "authentication required", "must be authenticated", "authentication is required", "security",
            "insecure", "not authenticated", "please authenticate", "submission requires",
        ]),
        (.notcompliantrfc, [
            "rfc 5322", "rfc5322", "rfc 2822", "rfc2822", "rfc 822", "rfc822 ", "not rfc", "duplicate header",
            "multiple from", "non-compliant", "does not comply", "not compliant with rfc", "malformed", "improperly formatted",
        ]),
        (.contenterror, ["content error", "header error", "invalid mime", "mime error", "illegal attachment", "attachment", "content type", "8bit"]),
        (.policyviolation, [
            "policy", "violates", "violation", "prohibited", "not permitted", "not allowed", "restricted",
            "disallowed", "rejected for", "administrative", "prohibit",
        ]),
        (.filtered, [
            "filtered", "filter", "rejected by the recipient", "refused by the recipient", "refused the message",
            "delivery not authorized", "message refused", "user reject", "recipient reject", "not accepted",
        ]),
        (.notaccept, [
            "does not accept mail", "accepts no mail", "not accepting mail", "null mx", "does not receive mail",
            "domain does not accept", "not accept", "no mail accepted",
        ]),
        (.systemfull, ["disk full", "insufficient system storage", "out of disk", "file system full", "insufficient disk", "system storage", "disk space"]),
        (.mailererror, [
            "mailer error", "x-unix", "command died", "exit status", "procmail", "pipe to", "command failed",
            "program failed", "unknown mailer", "mail delivery agent", "local delivery failed", "exit code",
        ]),
        (.expired, [
            "retry timeout exceeded", "retry time", "delivery time expired", "message expired", "has expired",
            "too long in queue", "queue too long", "been in the queue", "giving up", "could not be delivered within",
            "was not delivered within", "delivery attempts", "maximum time", "timeout exceeded", "expired",
            "delivery period", "unable to deliver in",
        ]),
        (.networkerror, [
            "connection refused", "connection timed out", "timed out", "network is unreachable", "no route to host",
            "lost connection", "connection reset", "temporary failure in name resolution", "name lookup failure",
            "dns lookup", "loops back to myself", "mail loop", "routing loop", "too many hops", "hop count",
            "loop detected", "loop:", "unreachable", "could not connect", "cannot connect", "unable to connect",
            "connection dropped", "connection closed", "broken pipe", "network error", "dns error", "dns failure",
            "servfail", "temporary lookup failure",
        ]),
        (.syntaxerror, ["syntax error", "command unrecognized", "command not recognized", "unrecognized command", "bad sequence", "line too long"]),
        (.systemerror, [
            "system error", "internal error", "server error", "local error", "temporary local problem",
            "configuration error", "config error", "system config", "service unavailable", "temporarily unavailable",
            "unavailable", "server busy", "resources", "try again later", "temporary failure", "internal server",
            "i/o error", "not available",
        ]),
    ]

    /// The first reason whose phrase occurs in `text` (already lowercased).
    static func match(_ lowercased: String) -> Reason? {
        for (reason, phrases) in table {
            for phrase in phrases where lowercased.contains(phrase) {
                return reason
            }
        }
        return nil
    }
}
