/// The phrases that name a reason, from `reason-phrases.tsv` (embedded at build time; its header
/// says what belongs there). One table serves every detector.
enum ReasonPhrases {
    /// The two tiers of the table: specific wording decides before status codes, general wording
    /// after the precise codes.
    enum Tier: String, Sendable {
        case specific, general
    }

    /// One row of the table.
    struct Entry: Sendable {
        let reason: Reason
        let tier: Tier
        let text: String
        let phrase: Phrase
        /// The row's line in the file, for the trace.
        let line: Int
    }

    /// The rows of each tier in file order: the first match wins.
    static let specific = table.entries.filter { $0.tier == .specific }
    static let general = table.entries.filter { $0.tier == .general }

    /// Every row in file order; rows that do not parse are kept out and listed by `problems`.
    static let table: (entries: [Entry], problems: [String]) = parse(PackageResources.reason_phrases_tsv)

    /// The first row of `tier` whose phrase is in `text`.
    static func match(_ text: SearchText, tier: Tier) -> Entry? {
        guard !text.isEmpty else { return nil }
        let entries = tier == .specific ? specific : general
        return entries.first { text.contains($0.phrase) }
    }

    static func parse(_ bytes: [UInt8]) -> (entries: [Entry], problems: [String]) {
        var entries: [Entry] = []
        var problems: [String] = []
        for (index, line) in bytes.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            let text = String(decoding: line, as: UTF8.self)
            if text.isEmpty || text.hasPrefix("#") { continue }
            let fields = text.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 3, let reason = Reason(rawValue: String(fields[0])),
                  let tier = Tier(rawValue: String(fields[1])),
                  fields[2].count > 2, fields[2].hasPrefix("\""), fields[2].hasSuffix("\"") else {
                problems.append("line \(index + 1): expected reason<TAB>tier<TAB>\"phrase\": \(text)")
                continue
            }
            let phrase = String(fields[2].dropFirst().dropLast())
            guard phrase == phrase.lowercased() else {
                problems.append("line \(index + 1): phrase not lowercase: \(phrase)")
                continue
            }
            entries.append(Entry(reason: reason, tier: tier, text: phrase, phrase: Phrase(stringLiteral: phrase), line: index + 1))
        }
        return (entries, problems)
    }
}
