import MailModel

/// Which addresses in a text report are its failed recipients, and the lines about each.
extension TextReport {
    /// Whether the report (before the original) holds `phrase` (lowercase).
    func contains(_ phrase: Phrase) -> Bool { search.contains(phrase) }

    /// The index of the first line to read recipients from: after the layout's start marker.
    var firstRecipientLine: Int {
        guard let offset = layout.start.compactMap({ search.firstOffset(of: $0, from: 0) }).min() else { return 0 }
        return line(holding: offset) + 1
    }

    /// The index in `lines` of the line holding byte `offset` of the report: lines are the report
    /// split at LF, so it is the count of LFs before it.
    func line(holding offset: Int) -> Int {
        search.bytes[..<offset].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    }

    /// The recipients the report names, each with its lines: local parts listed under a recipient
    /// heading first (`listedLocalPartBlocks`), then addresses opening a line, then addresses
    /// mentioned anywhere. Addresses of the sender and of mail software are left out; the bounce's
    /// own To, Return-Path and Reply-To only while another address is there; a postmaster address
    /// only where no other address is at all, since reports name it as the place to ask for help
    /// ("please contact <postmaster@…>"). An alias a recipient was expanded from replaces it.
    public func blocks() -> [Block] {
        let window = lines[min(firstRecipientLine, lines.count)...]
        // Read each line once; most hold no "@" and cost one byte scan. A quote's attribution
        // ("<a@b> wrote:") names the quoted text's author.
        // A line quoted with ">" (RFC 3676) is the returned original's, not the report's (a
        // transcript's ">>> RCPT TO:<a@b>" is the report's own) — unless the whole report is quoted,
        // as when a bounce is forwarded.
        let unquoted = window.map { line in
            line.utf8Contains(0x40) && !RecipientLines.isQuoted(line) && !RecipientLines.isAttribution(line)
        }
        let holdsAddress = unquoted.contains(true) ? unquoted
            : window.map { line in line.utf8Contains(0x40) && !RecipientLines.isAttribution(line) }
        let leads = zip(window, holdsAddress).map { line, holds in
            holds ? RecipientLines.leadingAddress(in: line, afterReplyCode: layout.replyCodeBeforeAddress) : nil
        }
        // Addresses anywhere in a line are read only where no line opens with one.
        var mentionsRead: [[String]]?
        func mentions() -> [[String]] {
            if let mentionsRead { return mentionsRead }
            let read = zip(window, holdsAddress).map { line, holds in
                holds ? RecipientLines.addresses(in: line, skippingSenders: true) : []
            }
            mentionsRead = read
            return read
        }
        let tiers = [strongExclusions.union(weakExclusions), strongExclusions]
        let listed = listedLocalPartBlocks(window)
        if !listed.isEmpty { return listed }
        for allowPostmaster in [false, true] {
            for excluded in tiers {
                let leading = leadingBlocks(window, leads, excluding: excluded, allowPostmaster: allowPostmaster)
                if !leading.isEmpty { return leading.map(Self.expanded) }
            }
            for excluded in tiers {
                let mentioned = mentionBlocks(window, mentions(), excluding: excluded, allowPostmaster: allowPostmaster)
                if !mentioned.isEmpty { return mentioned.map(Self.expanded) }
            }
            // The recipient may be the original's sender too (a message to oneself), but only where a
            // line opens with it and no header names the recipients: a mention is likelier a MAIL FROM.
            if headerRecipients.isEmpty {
                let own = leadingBlocks(window, leads, excluding: ownExclusions, allowPostmaster: allowPostmaster)
                if !own.isEmpty { return own.map(Self.expanded) }
            }
        }
        return []
    }

    /// `block` about the address its recipient was expanded from, where the lines opening it say
    /// so: Sendmail's `a@host` / `(expanded from: alias@domain)`, Postfix's `<a@host> (expanded
    /// from <alias@domain>): …`. That alias is what the sender addressed (RFC 3464 §2.3.1's
    /// Original-Recipient); the expansion is the receiving site's business.
    static func expanded(_ block: Block) -> Block {
        for line in block.lines.prefix(2) {
            if let alias = RecipientLines.expandedFrom(in: line) {
                return Block(recipient: alias, lines: block.lines)
            }
        }
        return block
    }

    func isExcluded(_ address: String, _ excluded: Set<String>, allowPostmaster: Bool) -> Bool {
        RecipientLines.isDaemon(address) || excluded.contains(address.lowercased())
            || (!allowPostmaster && RecipientLines.isPostmaster(address))
    }

    /// Lines at most kept per recipient.
    static let maximumBlockLines = 40

    private func leadingBlocks(_ window: ArraySlice<Substring>, _ leads: [(address: String, rest: Substring)?],
                               excluding excluded: Set<String>, allowPostmaster: Bool) -> [Block] {
        guard leads.contains(where: { $0 != nil }) else { return [] }
        var blocks: [Block] = []
        var index: [String: Int] = [:]
        var current: Int?
        for (offset, line) in window.enumerated() {
            if let (address, rest) = leads[offset], !isExcluded(address, excluded, allowPostmaster: allowPostmaster) {
                if let existing = index[address.lowercased()] {
                    current = existing
                    if blocks[existing].lines.count < Self.maximumBlockLines { blocks[existing].lines.append(rest) }
                } else {
                    index[address.lowercased()] = blocks.count
                    blocks.append(Block(recipient: address, lines: [rest]))
                    current = blocks.count - 1
                }
            } else if let current, blocks[current].lines.count < Self.maximumBlockLines {
                blocks[current].lines.append(line)
            }
        }
        return blocks
    }

    private func mentionBlocks(_ window: ArraySlice<Substring>, _ mentions: [[String]], excluding excluded: Set<String>,
                               allowPostmaster: Bool) -> [Block] {
        var blocks: [Block] = []
        var seen: Set<String> = []
        var current: Int?
        for (offset, line) in window.enumerated() {
            let found = mentions[offset].filter { !isExcluded($0, excluded, allowPostmaster: allowPostmaster) }
            var opened = false
            for address in found where seen.insert(address.lowercased()).inserted {
                blocks.append(Block(recipient: address, lines: [line]))
                current = blocks.count - 1
                opened = true
            }
            if !opened, let current, blocks[current].lines.count < Self.maximumBlockLines {
                blocks[current].lines.append(line)
            }
        }
        return blocks
    }

    /// The addresses in the layout's recipient header fields (`X-Failed-Recipients`).
    public var headerRecipients: [String] {
        var found: [String] = []
        for name in layout.recipientHeaders {
            for value in message.hasHeader(name) ? message.headers.all(name) : [] {
                for address in RecipientLines.addresses(in: Substring(value)) where !found.contains(address) { found.append(address) }
            }
        }
        return found
    }

    /// The report's blocks reconciled with its recipient headers: header recipients the text does
    /// not name get the text about the one unnamed recipient, or the whole report.
    public func recipientBlocks() -> [Block] {
        let blocks = blocks()
        let listed = headerRecipients
        guard !listed.isEmpty else { return blocks }
        let named = Set(blocks.map { $0.recipient.lowercased() })
        var result = blocks.filter { block in listed.contains { $0.lowercased() == block.recipient.lowercased() } }
        let missing = listed.filter { !named.contains($0.lowercased()) }
        let leftover = blocks.filter { block in !listed.contains { $0.lowercased() == block.recipient.lowercased() } }
        if !missing.isEmpty, missing.count == leftover.count {
            // The text names as many other addresses as the header lists unnamed ones: the text is
            // what the MTA reported about each (a rewritten or forwarded address).
            return blocks
        }
        for address in missing {
            result.append(Block(recipient: address, lines: paragraphAfterStart()))
        }
        return result
    }

    /// The report's lines after the first line holding `start` (lowercase) and before the first
    /// line after it holding `end` or naming an address: where a family states the reason before
    /// listing the recipients ("Could not be delivered because of", "Failure Reasons").
    func lines(after start: Phrase, until end: Phrase? = nil) -> [Substring] {
        guard let offset = search.firstOffset(of: start, from: 0) else { return [] }
        let first = line(holding: offset) + 1
        var result: [Substring] = []
        for line in lines.dropFirst(first) {
            if let end, SearchText(line).contains(end) { break }
            if line.utf8Contains(0x40), RecipientLines.leadingAddress(in: line) != nil { break }
            result.append(line)
            if result.count == Self.maximumBlockLines { break }
        }
        return result
    }

    /// The report's lines from the start marker on (or all of them), for a recipient named only
    /// in a header field.
    func paragraphAfterStart() -> [Substring] {
        Array(lines[min(firstRecipientLine, lines.count)...].prefix(Self.maximumBlockLines))
    }
}
