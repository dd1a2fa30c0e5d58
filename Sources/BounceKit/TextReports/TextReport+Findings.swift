import MailModel

/// Turning a text report's recipient blocks into findings, through `Evidence` and
/// `ReasonDecider` like the RFC 3464 detector, so reason rules stay in one place.
extension TextReport {
    /// Non-empty lines at most joined into one recipient's diagnostic.
    static let maximumDiagnosticLines = 8

    /// The diagnostic in a block: its non-empty lines, white space folded, multi-line reply
    /// prefixes kept once.
    public static func diagnostic(of lines: [Substring]) -> String? {
        var kept: [Substring] = []
        reading: for line in lines {
            // Plain ASCII (see `PlainASCII`) is read by bytes, with the same results.
            switch PlainASCII.isPlain(line) ? diagnosticLine(plain: line) : diagnosticLine(characters: line) {
            case .stop:
                break reading
            case .skip:
                continue
            case .keep(let trimmed):
                kept.append(trimmed)
                if kept.count == maximumDiagnosticLines { break reading }
            }
        }
        guard !kept.isEmpty else { return nil }
        let text = folded(kept)
        // Only a multi-line reply (`550-5.1.1 …`) needs its repeated codes removed.
        let multiline = kept.contains { line in
            let utf8 = Array(line.utf8.prefix(4))
            return utf8.count == 4 && utf8[0].isASCIIDigit && utf8[1].isASCIIDigit && utf8[2].isASCIIDigit && utf8[3] == 0x2D
        }
        let result = multiline ? DiagnosticText.normalized(text) : text
        return result.isEmpty ? nil : result
    }

    /// What a line of a block is to its diagnostic.
    enum DiagnosticLine: Equatable {
        /// A MIME boundary: the report's text ends before it.
        case stop
        /// A part header, or a line of nothing but white space, colons and rules.
        case skip
        /// A line of the reply, leading white space and colons dropped.
        case keep(Substring)
    }

    /// What `line` is to a diagnostic, by Characters, for any text.
    static func diagnosticLine(characters line: Substring) -> DiagnosticLine {
        // The report's text ends at the next MIME part; part headers are never the reply.
        if MIMEDebris.isBoundaryLine(line) { return .stop }
        if MIMEDebris.isHeaderLine(line) { return .skip }
        let trimmed = line.drop(while: { $0 == " " || $0 == "\t" || $0 == ":" })
        guard !trimmed.isEmpty, !trimmed.allSatisfy({ $0 == "-" || $0 == "=" || $0 == "_" || $0 == " " }) else { return .skip }
        return .keep(trimmed)
    }

    /// `diagnosticLine(characters:)` of plain ASCII (see `PlainASCII`), by bytes.
    static func diagnosticLine(plain line: Substring) -> DiagnosticLine {
        let utf8 = line.utf8
        if MIMEDebris.isBoundaryLine(bytes: utf8) { return .stop }
        if MIMEDebris.isHeaderLine(bytes: utf8) { return .skip }
        var start = utf8.startIndex
        while start < utf8.endIndex, case let byte = utf8[start], byte == 0x20 || byte == 0x09 || byte == 0x3A {
            utf8.formIndex(after: &start)
        }
        let trimmed = line[start...]
        guard start < utf8.endIndex,
              !trimmed.utf8.allSatisfy({ $0 == 0x2D || $0 == 0x3D || $0 == 0x5F || $0 == 0x20 }) else { return .skip }
        return .keep(trimmed)
    }

    /// The lines joined by single spaces, runs of white space folded, on bytes.
    static func folded(_ lines: [Substring]) -> String {
        // Written into a buffer of the lines' size and a space between each (the most it can hold),
        // each line read from its own storage.
        let capacity = lines.reduce(lines.count) { $0 + $1.utf8.count }
        let bytes = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
            var written = 0
            var pendingSpace = false
            for var line in lines {
                line.withUTF8 { source in
                    for byte in source {
                        if byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A {
                            pendingSpace = written > 0
                        } else {
                            if pendingSpace { buffer[written] = 0x20; written += 1; pendingSpace = false }
                            buffer[written] = byte
                            written += 1
                        }
                    }
                }
                pendingSpace = written > 0
            }
            count = written
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Phrases of a delay notice: delivery is still being tried.
    static let delayPhrases: [Phrase] = [
        "has been delayed", "have been delayed", "will keep trying", "still trying", "will be retried",
        "warning message only", "is delayed for more than", "temporary failure report", "is a warning only",
        "not yet been delivered", "will continue to try", "will try again", "delivery has been delayed",
        "delivery is delayed", "message is delayed", "will retry",
    ]

    /// Phrases that say the attempt is over even where a delay phrase appears.
    static let finalPhrases: [Phrase] = [
        "permanent error", "given up", "giving up", "not going to try again", "failed permanently",
        "could not be delivered", "couldn't be delivered", "undeliverable",
    ]

    /// Phrases only a delay notice writes, whatever else it says.
    static let warningPhrases: [Phrase] = [
        "is a warning only", "warning message only", "do not need to resend", "still being retried",
        "will be retried until", "only a temporary failure report", "attempts will continue", "will continue to be made",
        "will continue to attempt",
    ]

    /// Whether the report is a delay notice rather than a failure.
    public var isDelay: Bool {
        Self.warningPhrases.contains(where: contains)
            || (Self.delayPhrases.contains(where: contains) && !Self.finalPhrases.contains(where: contains))
    }

    /// The most specific status code in `text`: the first that is not generic, else the first.
    static func status(in text: String) -> StatusCode? {
        let all = StatusCode.all(in: text)
        return all.first(where: { !$0.isGeneric }) ?? all.first
    }

    /// One finding per block.
    func findings(detector: String, blocks: [Block]? = nil, action: String? = nil,
                  diagnostic: (Block) -> String? = { TextReport.diagnostic(of: $0.lines) },
                  status: (Block, String?) -> StatusCode? = { TextReport.status(in: $1 ?? "") }) -> [Finding]? {
        let blocks = blocks ?? recipientBlocks()
        guard !blocks.isEmpty else { return nil }
        let action = action ?? (isDelay ? "delayed" : "failed")
        var embedded: [String: StatusCode]?
        return blocks.map { block in
            let text = diagnostic(block)
            var code = status(block, text)
            if code == nil || code?.isGeneric == true {
                // A delivery-status report pasted into the text (flattened or forwarded) may say more.
                if embedded == nil { embedded = embeddedStatuses() }
                if let better = embedded?[block.recipient.lowercased()], code == nil || !better.isGeneric { code = better }
            }
            return finding(recipient: block.recipient, diagnostic: text, status: code, action: action,
                           remoteMTA: RemoteHost.name(in: block.lines), detector: detector)
        }
    }

    /// The Status of each recipient in delivery-status fields written into the report's text
    /// (`Final-Recipient:` … `Status:`), quoting (`> `) removed. RFC 3464 §2.3.
    func embeddedStatuses() -> [String: StatusCode] {
        guard let first = ["reporting-mta:", "final-recipient:"].compactMap({ search.firstOffset(of: $0, from: 0) }).min(),
              search.firstOffset(of: "status:", from: first) != nil else { return [:] }
        // Quoting is removed by bytes (">" and spaces are ASCII): a Character-wise split of the
        // text costs several times more.
        let firstLine = min(line(holding: first), lines.count)
        var unquoted = ""
        for (number, line) in lines[firstLine...].enumerated() {
            if number > 0 { unquoted.append("\n") }
            let utf8 = line.utf8
            if utf8.first == UInt8(ascii: ">") {
                unquoted.append(contentsOf: Substring(utf8.dropFirst().drop(while: { $0 == UInt8(ascii: " ") })))
            } else {
                unquoted.append(contentsOf: line)
            }
        }
        var statuses: [String: StatusCode] = [:]
        for recipient in DeliveryStatus.parse(unquoted).recipients {
            if let address = recipient.recipient.flatMap({ RecipientLines.validated(Substring($0)) }), let status = recipient.status {
                statuses[address.lowercased()] = status
            }
        }
        return statuses
    }

    /// Phrases that say, in any report's words, that the message was not delivered.
    static let nonDeliveryPhrases: [Phrase] = finalPhrases + [
        "cannot be delivered", "can't be delivered", "was not delivered", "could not deliver", "unable to deliver",
        "not be delivered", "delivery failed", "delivery has failed",
    ]

    /// Whether the report says the message was not delivered.
    var statesNonDelivery: Bool { Self.nonDeliveryPhrases.contains(where: contains) }

    /// One finding without a recipient, for a report that says the message was not delivered but
    /// names no address that can be recovered (a bare name with no domain, or none at all): the
    /// failure is recorded, and the returned original (its Message-ID, a tag) may still name whom
    /// it was for. Nil where the report does not say so.
    func unnamedRecipientFindings(detector: String) -> [Finding]? {
        guard statesNonDelivery else { return nil }
        // The diagnostic starts at the line saying so: what precedes it is greeting or banner.
        let first = lines.firstIndex { line in
            let lowered = SearchText(line)
            return Self.nonDeliveryPhrases.contains(where: lowered.contains)
        } ?? lines.startIndex
        let text = Self.diagnostic(of: Array(lines[first...].prefix(Self.maximumBlockLines)))
        return [finding(recipient: nil, diagnostic: text, status: Self.status(in: text ?? ""),
                        action: isDelay ? "delayed" : "failed", remoteMTA: nil, detector: detector)]
    }

    /// A finding about `recipient` from what the report says.
    func finding(recipient: String?, diagnostic: String?, status: StatusCode?, action: String, remoteMTA: String?,
                 detector: String) -> Finding {
        let replyCode = diagnostic.flatMap { ReplyCode.first(in: $0) }
        var status = status
        if let code = status, let replyCode, code.class != replyCode.value / 100, replyCode.value / 100 != 2 {
            status = code.withClass(replyCode.value / 100)
        }
        // The reply's own words name the command; else the report's transcript (`>>> RCPT TO:`).
        let command = diagnostic.flatMap(SMTPCommand.last(in:)) ?? transcriptCommand
        let evidence = Evidence(action: action, status: status, replyCode: replyCode, diagnostic: diagnostic,
                                command: command, remoteMTA: remoteMTA, recipient: recipient)
        let decision = ReasonDecider.decide(evidence)
        let kind = Finding.Kind.of(decision, action: action)
        var finding = Finding(kind: kind, recipient: recipient, reason: decision.reason,
                              hard: kind == .bounce && decision.reason.isHard(permanent: status?.isPermanent ?? replyCode?.isPermanent ?? true),
                              status: status, replyCode: replyCode, action: action, diagnostic: diagnostic, remoteMTA: remoteMTA,
                              reportingMTA: nil, original: original, detector: detector)
        finding.apply(decision)
        return finding
    }
}
