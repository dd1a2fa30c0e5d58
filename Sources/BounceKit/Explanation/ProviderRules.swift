/// The provider rules, tried before any general wording or code: the same `5.7.1` is a block list
/// at one receiver and a DMARC failure at another. Within a provider the first matching rule wins;
/// providers identified by host come before those identified only by signature, and the rules
/// about third-party block lists and checkers (provider nil) come last.
enum ProviderRules {
    static let rules: [ProviderRule] = google + microsoft + yahoo + mimecast + others + thirdParty

    static let google: [ProviderRule] = [
        // A group refuses posts from non-members or senders without permission, in the poster's
        // language; whatever it says, the sender was refused, not the address.
        ProviderRule(.googleGroups, [], codes: ["5.1.1"], .userunknown),
        ProviderRule(.googleGroups, [], .rejected,
                     remedy: "The Google Group refused the post: the sender must join the group or be allowed to post by its "
                        + "owner, or the group does not exist."),
        ProviderRule(.google, ["account that you tried to reach does not exist"], .userunknown),
        ProviderRule(.google, ["account that you tried to reach is disabled", "account that you tried to reach is inactive"],
                     .suspend),
        ProviderRule(.google, ["over quota", "out of storage space", "inbox is out of storage"], .mailboxfull),
        ProviderRule(.google, ["receiving mail too quickly", "rate that prevents additional messages",
                               "unusual rate of unsolicited mail"], codes: ["4.2.1", "4.7.28"], .ratelimited),
        ProviderRule(.google, ["dmarc policy"], .authfailure,
                     remedy: "Align SPF or DKIM with the From domain and keep its DMARC record consistent: Gmail rejects mail "
                        + "that fails the From domain's DMARC policy."),
        ProviderRule(.google, ["authenticate with either spf or dkim", "sender is unauthenticated",
                               "fails to pass authentication", "authenticate with spf", "authenticate with dkim",
                               "aligned with either the authenticated"], .authfailure,
                     remedy: "Publish SPF and enable DKIM signing for the From domain at the sending provider; Gmail requires "
                        + "every sender to authenticate (since February 2024)."),
        ProviderRule(.google, ["ptr record"], .requireptr),
        ProviderRule(.google, ["very low reputation", "low reputation of the sending"], .badreputation,
                     remedy: "Send through a reputable provider's SMTP server and check the domain in Google Postmaster Tools."),
        ProviderRule(.google, ["likely unsolicited mail"], .spamdetected),
        ProviderRule(.google, ["not authorized to send email directly"], .blocked,
                     remedy: "Send through the mail provider's SMTP server, not directly from this IP address."),
        ProviderRule(.google, ["illegal attachment", "potential security issue"], .policyviolation,
                     remedy: "Remove the blocked attachment type (executables, some archives) or share it as a link."),
        ProviderRule(.google, ["has a policy that prohibited"], .policyviolation),
        ProviderRule(.google, ["'send mail as'", "send mail as feature", "customfromdenied"], .rejected,
                     remedy: "The sender's Gmail 'Send mail as' settings for this address are wrong or out of date: fix the "
                        + "alias's SMTP settings in Gmail, then resend."),
    ]

    static let microsoft: [ProviderRule] = [
        ProviderRule(.microsoft, ["recipientnotfound", "recipient not found by smtp address lookup",
                                  "resolver.adr.exrecipnotfound"], .userunknown),
        ProviderRule(.microsoft, ["recipient address rejected: access denied"], codes: ["5.4.1", "5.7.504"], .userunknown,
                     senderSide: false),
        ProviderRule(.microsoft, ["access denied, banned sending ip", "part of their network is on our block list"],
                     .blocked, remedy: "The sending IP is on Microsoft's blocked senders list: the mail provider requests "
                        + "delisting at https://sender.office.com."),
        ProviderRule(.microsoft, ["access denied, banned sender"], .blocked,
                     remedy: "Microsoft banned the sending IP: send the NDR and IP to delist@messaging.microsoft.com."),
        ProviderRule(.microsoft, ["using customer block list", "rejected by recipient"], .blocked,
                     remedy: "The recipient's organisation blocks the sending IP: ask the recipient to unblock it."),
        ProviderRule(.microsoft, ["tenant has exceeded threshold", "traffic not accepted from this ip"], .badreputation),
        ProviderRule(.microsoft, ["does not pass dmarc verification", "sender policy framework violation",
                                  "does not meet the required authentication level", "must pass either spf or dkim"],
                     .authfailure),
        ProviderRule(.microsoft, ["delivery not authorized", "sender not in allowed-senders list",
                                  "sender was not authenticated", "sender not authenticated for group"], .securityerror,
                     remedy: "The recipient (often a group) accepts mail only from allowed or internal senders: ask its owner "
                        + "to allow this sender."),
        ProviderRule(.microsoft, ["must have a reverse dns record"], .requireptr),
        ProviderRule(.microsoft, ["temporarily rate limited due to ip reputation"], .badreputation),
        ProviderRule(.microsoft, ["per hour message receive limit", "recipient thread limit exceeded"], .ratelimited),
        ProviderRule(.microsoft, ["routing loop detected", "hop count exceeded"], .networkerror,
                     remedy: "A forwarding loop at the recipient: their administrator must fix the forwarding rules."),
        ProviderRule(.microsoft, ["must be rfc 5322 section 3.6.2 compliant"], .notcompliantrfc),
        ProviderRule(.microsoft, ["mailbox unavailable"], codes: ["5.5.0"], .userunknown),
    ]

    static let yahoo: [ProviderRule] = [
        ProviderRule(.yahoo, ["this user doesn't have a", "mailbox not found", "is no longer valid"], .userunknown),
        ProviderRule(.yahoo, ["this mailbox is disabled"], .suspend),
        ProviderRule(.yahoo, ["[tss04]", "temporarily deferred due to unexpected volume or user complaints"], .badreputation,
                     remedy: "Yahoo defers mail for volume, complaints or poor reputation: authenticate the domain "
                        + "(SPF, DKIM, DMARC), reduce complaints and retry later."),
        ProviderRule(.yahoo, ["[tss09]", "[tss11]", "will be permanently deferred"], .blocked,
                     remedy: "Yahoo permanently defers this IP: the mail provider must contact Yahoo's postmaster."),
        ProviderRule(.yahoo, ["[bl21]", "[bl23]", "in spamhaus"], .blocked,
                     remedy: "The sending IP is on Spamhaus: look it up and request delisting at https://check.spamhaus.org."),
        ProviderRule(.yahoo, ["authenticate with either spf or dkim"], .authfailure),
        ProviderRule(.yahoo, ["not accepted for policy reasons"], codes: ["5.7.9"], .policyviolation,
                     remedy: "Yahoo refused the message for policy reasons, usually a DMARC failure: align SPF or DKIM with "
                        + "the From domain."),
        ProviderRule(.yahoo, ["user is receiving mail too quickly", "max message per connection"], .ratelimited),
    ]

    static let mimecast: [ProviderRule] = [
        ProviderRule(.mimecast, ["anti-spoofing policy", "spf sender invalid", "dkim sender invalid", "dmarc sender invalid"],
                     .authfailure),
        ProviderRule(.mimecast, ["local ct ip reputation"], .badreputation),
        ProviderRule(.mimecast, ["mcspamsignature", "virus"], .virusdetected),
        ProviderRule(.mimecast, ["envelope blocked", "administrative prohibition", "block policy", "sender address blocked"],
                     .policyviolation),
        ProviderRule(.mimecast, ["invalid recipient", "invalid address"], .userunknown),
        ProviderRule(.mimecast, ["route requires encryption", "tls version 1.2", "high-strength ciphers"], .failedstarttls),
        ProviderRule(.mimecast, ["maximum email size exceeded"], .emailtoolarge),
    ]

    static let others: [ProviderRule] = [
        ProviderRule(.zoho, ["email flagged as spam"], .securityerror),
        ProviderRule(.zoho, ["mail rejected by destination domain"], .rejected),
        ProviderRule(.laposte, ["compte du destinataire est bloque", "recipient account is blocked"], .suspend),
        ProviderRule(.laposte, ["destinataire invalide", "invalid recipient"], .userunknown),
        ProviderRule(.laposte, ["service refuse"], .blocked),
        ProviderRule(.laposte, ["lpn000_630", "lpn007"], .policyviolation),
        ProviderRule(.laposte, ["ofr_506"], .spamdetected),
        // docomo answers "Unknown user" without an enhanced code when the recipient's reception
        // settings refuse the sender's domain.
        // KDDI (au, EZweb) answers a bare "550 : User unknown" when the recipient's filter refuses.
        ProviderRule(.ezweb, ["550 : user unknown", "550: : user unknown"], .filtered),
        ProviderRule(.docomo, ["unknown user", "user unknown"], codes: ["5.0.0"], .rejected,
                     remedy: "The recipient's docomo reception settings refuse mail from the sending domain: ask the "
                        + "recipient to allow it (指定受信), or reach them another way.", senderSide: false),
        ProviderRule(.facebook, ["rcp-p2"], .filtered),
        ProviderRule(.facebook, ["rcp-p1"], .userunknown),
        ProviderRule(.cox, ["cdrbl", "aup#rbl"], .blocked),
        ProviderRule(.spectrum, ["aup#in-13", "aup#out-13"], .ratelimited),
        ProviderRule(.zone, ["smtp access denied"], .ratelimited,
                     remedy: "Zone's outbound limit (about one message per 5 seconds) was exceeded and the account's sending "
                        + "is blocked: contact Zone support to unblock it and send sequentially, more slowly."),
    ]

    /// Block lists and checkers quoted by any receiver; their remedy names where to delist.
    static let thirdParty: [ProviderRule] = [
        ProviderRule(nil, ["spamhaus"], .blocked,
                     remedy: "The sending IP is listed by Spamhaus: look it up and request delisting at https://check.spamhaus.org "
                        + "(a PBL listing means: send through the provider's SMTP server)."),
        ProviderRule(nil, ["spamcop"], .blocked,
                     remedy: "The sending IP is listed by SpamCop: find the cause and request delisting at https://www.spamcop.net/bl.shtml."),
        ProviderRule(nil, ["barracudacentral", "barracuda reputation"], .blocked,
                     remedy: "The sending IP is on the Barracuda Reputation Block List: request removal at https://www.barracudacentral.org/rbl/removal-request."),
        ProviderRule(nil, ["ipcheck.proofpoint.com", "proofpoint dynamic reputation"], .blocked,
                     remedy: "Proofpoint blocks the sending IP: the mail provider requests delisting at https://ipcheck.proofpoint.com."),
        ProviderRule(nil, ["csi.cloudmark.com"], .blocked,
                     remedy: "Cloudmark blocks the sending IP: request a reset at https://csi.cloudmark.com."),
        ProviderRule(nil, ["sorbs.net"], .blocked,
                     remedy: "The sending IP is listed by SORBS: request delisting at http://www.sorbs.net."),
        ProviderRule(nil, ["uceprotect"], .blocked,
                     remedy: "The sending IP is listed by UCEPROTECT: check it at https://www.uceprotect.net."),
        ProviderRule(nil, ["envelope recipient is in my badrecipientto list", "badrcptto"], .filtered),
    ]

    /// The index in `rules` of the rule that decides `text`: the first rule for the identified
    /// providers, in their order, then the first third-party rule.
    static func match(_ text: SearchText, status: StatusCode?, providers: [Provider]) -> Int? {
        for provider in providers {
            if let index = rules.firstIndex(where: { $0.provider == provider && $0.matches(text, status: status) }) {
                return index
            }
        }
        return rules.firstIndex { $0.provider == nil && $0.matches(text, status: status) }
    }
}
