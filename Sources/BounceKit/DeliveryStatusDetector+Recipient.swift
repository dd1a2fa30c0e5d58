extension DeliveryStatusDetector {
    /// The recipient of a per-recipient group as an address. Final-Recipient as written when it is
    /// one; else the same with quotes or a source route dropped (`<"a..b"@c>`, `@relay:a@b`); else,
    /// for a report about one recipient whose field holds a mailbox path or a bare host (Exim's
    /// `save to …`, Sendmail's `@host`), the one address in `X-Failed-Recipients` or in the text.
    static func usableRecipient(_ written: String?, original: String?, message: IncomingMessage, recipientCount: Int) -> String? {
        guard let written else { return nil }
        if written.contains("\"") || written.hasPrefix("@") {
            if let repaired = RecipientLines.validated(Substring(written)) { return repaired }
            if let original, let repaired = RecipientLines.validated(Substring(original)) { return repaired }
        }
        guard !written.contains("@") || written.hasPrefix("@") else { return written }
        if let original, let repaired = RecipientLines.validated(Substring(original)) { return repaired }
        guard recipientCount == 1 else { return written }
        let report = TextReport(message)
        let listed = report.headerRecipients
        if listed.count == 1 { return listed[0] }
        let blocks = report.blocks()
        return blocks.count == 1 ? blocks[0].recipient : written
    }
}
