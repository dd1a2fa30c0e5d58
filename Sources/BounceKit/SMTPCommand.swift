/// The SMTP command a rejection answered, as reports mention it: Postfix's `(in reply to RCPT TO
/// command)`, Sendmail's and Courier's `>>> DATA` transcript lines, Exim's `after RCPT TO:<…>` and
/// `after end of data`, qmail-remote's `does not like recipient`, `sender was rejected` and `failed
/// after I sent the message` (qmail-remote.c). RFC 5321 §4.1.1.
public enum SMTPCommand: String, Sendable, CaseIterable {
    case connect = "CONNECT"
    case helo = "HELO"
    case starttls = "STARTTLS"
    case auth = "AUTH"
    case mail = "MAIL"
    case rcpt = "RCPT"
    case data = "DATA"

    /// The case's name, as rules and traces write it (`rcpt`); what `"\(command)"` printed, without
    /// the reflection that costs a hundred thousand instructions a time.
    var caseName: String {
        switch self {
        case .connect: "connect"
        case .helo: "helo"
        case .starttls: "starttls"
        case .auth: "auth"
        case .mail: "mail"
        case .rcpt: "rcpt"
        case .data: "data"
        }
    }

    /// The last command named in `text`, which is the one the final reply answered.
    public static func last(in text: String) -> SMTPCommand? {
        last(in: SearchText(text))
    }

    /// Of the phrases' last occurrences, the latest; at equal offsets, the phrase later in
    /// `phrases`. One pass from the end of the text over an index of every phrase, listed in
    /// reverse so that the index's first in list order at an offset is the later in `phrases`.
    static func last(in searchable: SearchText) -> SMTPCommand? {
        guard let match = reversedIndex.latestMatch(in: searchable) else { return nil }
        return reversedCommands[match.index]
    }

    /// Each phrase's command, in the reverse of `phrases`' order, and the index of the phrases.
    private static let reversedCommands: [SMTPCommand] = phrases.flatMap { command, phrases in
        phrases.map { _ in command }
    }.reversed()
    private static let reversedIndex = PhraseIndex(phrases.flatMap(\.1).reversed())

    static let phrases: [(SMTPCommand, [Phrase])] = [
        (.data, ["end of data", ">>> data", "after data", "in reply to data", "during data", "data command", "message content",
                 "smtp command data", "failed after i sent the message"]),
        (.rcpt, [">>> rcpt", "rcpt to", "in reply to rcpt", "recipient command", "smtp command rcpt", "smtp:rcpt",
                 "[rcpt_to]", "after rcpt command", "does not like recipient"]),
        (.mail, [">>> mail from", "mail from command", "after mail from", "in reply to mail", "sender was rejected"]),
        (.helo, [">>> ehlo", ">>> helo", "in reply to ehlo", "in reply to helo", "after ehlo", "after helo"]),
        (.starttls, [">>> starttls", "in reply to starttls", "after starttls"]),
        (.connect, ["greeting", "while connecting", "connect to", "in reply to initial", "after initial connection"]),
    ]
}
