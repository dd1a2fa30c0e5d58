import MailModel

/// What marks a message as written by software rather than a person: RFC 3834 `Auto-Submitted`,
/// the vendor headers that predate it, and subject prefixes of out-of-office replies in the
/// languages our users' correspondents write.
enum AutomaticReplySignals {
    /// Headers that exist only on automatic replies (any value).
    static let replyHeaders = ["x-autoreply", "x-autorespond", "x-auto-reply", "x-autoresponder", "x-vacation",
                               "x-mail-autoreply", "x-ms-exchange-inbox-rules-loop"]

    /// Out-of-office subject prefixes, lowercased (English, Estonian, Finnish, German, French,
    /// Spanish, Italian, Dutch, Scandinavian, Russian, Latvian, Lithuanian, Polish, Japanese).
    static let subjectPhrases: [Phrase] = [
        "automatic reply", "auto reply", "autoreply", "auto-reply", "auto response", "autoresponse", "autorespons",
        "auto-response", "out of office", "out of the office", "ooo:", "vacation", "away from",
        "automaatne vastus", "automaatvastus", "puhkusel", "automaattinen vastaus", "abwesenheit",
        "automatische antwort", "réponse automatique", "reponse automatique", "absence", "respuesta automática",
        "respuesta automatica", "risposta automatica", "automatisch antwoord", "afwezig", "autosvar",
        "automatisk svar", "frånvaro", "автоответ", "автоматический ответ", "automātiskā atbilde",
        "automatinis atsakymas", "odpowiedź automatyczna", "自動応答", "自動返信", "不在",
    ]

    /// Out-of-office wording in the body, lowercased.
    static let bodyPhrases: [Phrase] = [
        "out of the office", "out of office", "on vacation", "on holiday", "on leave", "away from the office",
        "away from my desk", "limited access to e-mail", "limited access to email", "i am away", "i'm away",
        "currently away", "will be back", "i will return", "return on", "back in the office", "olen puhkusel",
        "olen eemal", "viibin puhkusel", "abwesend", "en congé", "je suis absent", "fuera de la oficina",
        "only sleeping", "automatic reply", "auto-reply", "autoreply",
    ]

    /// `Auto-Submitted` other than `no` (RFC 3834 §5), or `Precedence: auto_reply`.
    static func isAutoSubmitted(_ headers: HeaderFields) -> Bool {
        if let value = headers["auto-submitted"]?.trimmingWhitespace().lowercased(), !value.isEmpty, !value.hasPrefix("no") {
            return true
        }
        return headers["precedence"]?.trimmingWhitespace().lowercased() == "auto_reply"
    }

    /// A header only automatic replies carry, or Apple's `X-Apple-Action: VACATION`.
    static func hasReplyHeader(_ headers: HeaderFields) -> Bool {
        if replyHeaders.contains(where: headers.contains) { return true }
        return headers["x-apple-action"]?.lowercased().contains("vacation") == true
    }

    /// True when the From names a mail system rather than a person (bounces, not replies).
    static func isFromMailSystem(_ from: String) -> Bool {
        if from == "<>" { return true }
        let text = SearchText(from)
        return mailSystemNames.contains(where: text.contains)
    }

    /// Fragments of a mail system's From (lowercase).
    static let mailSystemNames: [Phrase] = [
        "mailer-daemon", "postmaster", "post_master", "mail delivery", "maildelivery", "mail-daemon", "mailerdaemon",
        "mail administrator", "mmdf", "majordomo", "listserv", "mailman", "-admin@", "-request@", "-owner@", "owner-",
        "-bounces@", "noreply-dmarc", "dmarc-noreply",
    ]
}
