import CEtPan

/// The service extensions a server announced in its EHLO reply (RFC 5321 §4.1.1.1): DSN (RFC 3461),
/// AUTH (RFC 4954), SIZE (RFC 1870), PIPELINING (RFC 2920), 8BITMIME (RFC 6152), SMTPUTF8 (RFC 6531),
/// STARTTLS (RFC 3207).
public struct SMTPCapabilities: Sendable, Equatable {
    public var dsn = false
    /// SASL mechanisms, uppercased, e.g. `["PLAIN", "LOGIN", "XOAUTH2"]`.
    public var authMechanisms: [String] = []
    /// The largest message the server takes, if it said (SIZE 0 means no limit and gives nil).
    public var size: Int?
    public var pipelining = false
    public var eightBitMIME = false
    public var smtpUTF8 = false
    public var startTLS = false
    public var enhancedStatusCodes = false
    /// Every extension line as sent (after the greeting line), e.g. `SIZE 10240000`.
    public var keywords: [String] = []

    public init() {}

    /// From the text of an EHLO reply: the first line is the server's name, each other an extension.
    // ehlo-line = ehlo-keyword *( SP ehlo-param )        (RFC 5321 §4.1.1.1)
    public init(ehloText: String) {
        keywords = ehloText.split(separator: "\n").dropFirst().map { String($0) }
        for line in keywords {
            // Old servers announce "AUTH=PLAIN LOGIN" as well as (or instead of) "AUTH PLAIN LOGIN".
            let words = line.split(whereSeparator: { $0 == " " || $0 == "=" }).map { $0.uppercased() }
            guard let keyword = words.first else { continue }
            let parameters = words.dropFirst()
            switch keyword {
            case "DSN": dsn = true
            case "AUTH":
                for mechanism in parameters where !authMechanisms.contains(mechanism) {
                    authMechanisms.append(mechanism)
                }
            case "SIZE":
                if let limit = parameters.first.flatMap({ Int($0) }), limit > 0 { size = limit }
            case "PIPELINING": pipelining = true
            case "8BITMIME": eightBitMIME = true
            case "SMTPUTF8": smtpUTF8 = true
            case "STARTTLS": startTLS = true
            case "ENHANCEDSTATUSCODES": enhancedStatusCodes = true
            default: break
            }
        }
    }

    /// libetpan's `MAILSMTP_ESMTP_*` flags for these extensions, which decide what its MAIL and RCPT
    /// send (DSN parameters only with `MAILSMTP_ESMTP_DSN`, SIZE only with `MAILSMTP_ESMTP_SIZE`).
    var libetpanFlags: Int32 {
        var flags = Int32(MAILSMTP_ESMTP)
        if dsn { flags |= Int32(MAILSMTP_ESMTP_DSN) }
        if size != nil { flags |= Int32(MAILSMTP_ESMTP_SIZE) }
        if pipelining { flags |= Int32(MAILSMTP_ESMTP_PIPELINING) }
        if eightBitMIME { flags |= Int32(MAILSMTP_ESMTP_8BITMIME) }
        if startTLS { flags |= Int32(MAILSMTP_ESMTP_STARTTLS) }
        return flags
    }
}
