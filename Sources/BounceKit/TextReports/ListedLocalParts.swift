import MailModel

/// Recipients a report lists without a domain: AOL's screen names under "Your mail to the following
/// recipients could not be delivered", a directory lookup's names under "Message not delivered to
/// the following", a gateway's local mailboxes. An address without a domain is one the reporting
/// site resolved locally (RFC 5321 §2.3.5 requires the domain everywhere else), so it is completed
/// with the domain the returned original was addressed to under that local part, else with the
/// domain of the mail software that wrote the report. Such a list is where the report names its
/// recipients: addresses in the prose around it are advice ("if a@b fails, try c@b").
extension TextReport {
    /// Phrases (lowercase) of a line after which a report lists its recipients one a line.
    static let recipientListHeadings: [Phrase] = ["the following recipient", "the following address", "to the following"]

    /// The local parts listed in the paragraph after a recipient-list heading, each completed to
    /// an address, with the rest of its line; none where a local part cannot be completed.
    func listedLocalPartBlocks(_ window: ArraySlice<Substring>) -> [Block] {
        var blocks: [Block] = []
        guard Self.recipientListHeadings.contains(where: contains) else { return blocks }
        var index = window.startIndex
        while index < window.endIndex {
            let heading = SearchText(window[index])
            index += 1
            guard Self.recipientListHeadings.contains(where: heading.contains) else { continue }
            // The paragraph that follows, past blank lines; one naming full addresses lists those.
            while index < window.endIndex, window[index].allSatisfy({ $0 == " " || $0 == "\t" }) { index += 1 }
            let paragraph = window[index...].prefix(while: { !$0.allSatisfy({ $0 == " " || $0 == "\t" }) })
            index = paragraph.endIndex
            guard !paragraph.contains(where: { $0.utf8Contains(0x40) }) else { continue }
            for line in paragraph {
                guard let (local, rest) = Self.listedLocalPart(in: line), let address = qualified(local),
                      !blocks.contains(where: { $0.recipient.lowercased() == address.lowercased() }) else { continue }
                blocks.append(Block(recipient: address, lines: [rest]))
            }
            if !blocks.isEmpty { return blocks }
        }
        return blocks
    }

    /// The bare local part a list line names: the first word of a line that is that word alone or
    /// that word and, after a tab or two spaces, the reason; made of local-part characters, no `@`.
    static func listedLocalPart(in line: Substring) -> (local: Substring, rest: Substring)? {
        let text = line.drop(while: { $0 == " " || $0 == "\t" })
        let word = text.prefix(while: { $0 != " " && $0 != "\t" })
        let rest = text[word.endIndex...]
        // A column, not prose: the word alone, or set off from the rest by a tab or two spaces.
        let isColumn = rest.allSatisfy({ $0 == " " || $0 == "\t" }) || rest.hasPrefix("\t") || rest.hasPrefix("  ")
        guard isColumn, (1...64).contains(word.utf8.count),
              word.utf8.allSatisfy({ $0.isASCIIDigit || $0.isASCIILetter || "._-+=".utf8.contains($0) }),
              word.utf8.contains(where: \.isASCIILetter), let last = word.utf8.last, last != 0x2E,
              word.utf8.first != 0x2E else { return nil }
        return (word, rest)
    }

    /// `local` completed to an address: the returned original's address under that local part
    /// (its `Received: … for <a@b>`, `To`, `Cc`), else the local part at the domain of the mail
    /// software that sent the report (`MAILER-DAEMON@aol.com`); nil where neither is known.
    func qualified(_ local: Substring) -> String? {
        let wanted = local.lowercased()
        func matching(_ text: Substring) -> String? {
            RecipientLines.addresses(in: text).first { $0.prefix(while: { $0 != "@" }).lowercased() == wanted }
        }
        for field in originalHeaders ?? HeaderFields() {
            if let address = matching(Substring(field.value)) { return address }
        }
        if let address = matching(returnedText.prefix(InlineHeaders.maximumBytes)) { return address }
        guard let sender = Address.list(message.headers["from"] ?? "").first,
              RecipientLines.isDaemon(sender) || RecipientLines.isPostmaster(sender),
              let at = sender.lastIndex(of: "@") else { return nil }
        return String(local) + sender[at...].lowercased()
    }
}
