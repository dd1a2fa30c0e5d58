import MailModel

/// The phrases that name a reason, from `reason-phrases.tsv` (embedded at build time; its header
/// says what belongs there). One table serves every detector.
enum ReasonPhrases {
    /// The two tiers of the table: specific wording decides before status codes, general wording
    /// after the precise codes.
    enum Tier: String, Sendable, CaseIterable {
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
    /// Their phrases, indexed to be searched for together.
    private static let specificIndex = PhraseIndex(specific.map(\.phrase))
    private static let generalIndex = PhraseIndex(general.map(\.phrase))

    /// Every row in file order; rows that do not parse are kept out and listed by `problems`.
    static let table: (entries: [Entry], problems: [String]) = parse(PackageResources.reason_phrases_tsv)

    /// `text` as the table reads it: ASCII letters lowercased, runs of white space as one space,
    /// and the spelling variants "mail box" and "e-mail" as "mailbox" and "email".
    static func searchable(_ text: String) -> SearchText {
        var text = text
        var folds = false
        // One pass over the string's own UTF-8 storage: lowercase, white space runs as one space.
        var collapsed = text.withUTF8 { source in
            [UInt8](unsafeUninitializedCapacity: source.count) { buffer, count in
                var written = 0
                var lastWasSpace = false
                for index in 0..<source.count {
                    var byte = source[index]
                    if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                        if !lastWasSpace { buffer[written] = 0x20; written += 1 }
                        lastWasSpace = true
                        continue
                    }
                    byte = PlainASCII.lowercased(byte)
                    if byte == UInt8(ascii: "-") || (byte == UInt8(ascii: "b") && lastWasSpace) { folds = true }
                    lastWasSpace = false
                    buffer[written] = byte
                    written += 1
                }
                count = written
            }
        }
        guard folds else { return SearchText(lowercased: collapsed) }
        // The spelling variants, in place: each is written shorter than it was read, so the bytes
        // written never reach the ones still to be read.
        let count = collapsed.withUnsafeMutableBufferPointer { bytes -> Int in
            var read = 0
            var written = 0
            // The byte read before `read` (a letter before "e-mail" makes it part of a longer word).
            var previous: UInt8?
            while read < bytes.count {
                let byte = bytes[read]
                if byte == UInt8(ascii: "m"), matches(bytes, at: read, "mail box") {
                    written = copy("mailbox", to: bytes, at: written)
                    read += 8
                    previous = UInt8(ascii: "x")
                } else if byte == UInt8(ascii: "e"), matches(bytes, at: read, "e-mail"), !(previous.map(isLetter) ?? false) {
                    written = copy("email", to: bytes, at: written)
                    read += 6
                    previous = UInt8(ascii: "l")
                } else {
                    bytes[written] = byte
                    written += 1
                    read += 1
                    previous = byte
                }
            }
            return written
        }
        collapsed.removeLast(collapsed.count - count)
        return SearchText(lowercased: collapsed)
    }

    /// Writes `word` at `index` of `bytes` and returns the index after it.
    private static func copy(_ word: StaticString, to bytes: UnsafeMutableBufferPointer<UInt8>, at index: Int) -> Int {
        for offset in 0..<word.utf8CodeUnitCount { bytes[index + offset] = word.utf8Start[offset] }
        return index + word.utf8CodeUnitCount
    }

    private static func matches(_ bytes: UnsafeMutableBufferPointer<UInt8>, at index: Int, _ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard bytes[index] == word.utf8Start.pointee, index + count <= bytes.count else { return false }
        for offset in 1..<count where bytes[index + offset] != word.utf8Start[offset] { return false }
        return true
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "a") < 26
    }

    /// The first row of `tier` whose phrase is in `text`.
    static func match(_ text: SearchText, tier: Tier) -> Entry? {
        guard !text.isEmpty else { return nil }
        guard let index = (tier == .specific ? specificIndex : generalIndex).firstMatch(in: text) else { return nil }
        return tier == .specific ? specific[index] : general[index]
    }

    /// Reads the table's bytes: `reason<TAB>tier<TAB>"phrase"` rows, `#` comments, blank lines.
    /// Every process that classifies reads it once at start, so it works on index ranges of the
    /// bytes, not on Characters or split arrays.
    static func parse(_ bytes: [UInt8]) -> (entries: [Entry], problems: [String]) {
        var entries: [Entry] = []
        var problems: [String] = []
        var lineStart = 0
        var lineNumber = 0
        // Rows of one reason follow each other: its name is read into a `Reason` once per run.
        var lastReason: (name: ArraySlice<UInt8>, reason: Reason)?
        while lineStart <= bytes.count {
            let lineEnd = bytes[lineStart...].firstIndex(of: 0x0A) ?? bytes.count
            lineNumber += 1
            defer { lineStart = lineEnd + 1 }
            let line = bytes[lineStart..<lineEnd]
            if line.isEmpty || line.first == UInt8(ascii: "#") { continue }
            switch row(line, number: lineNumber, lastReason: &lastReason) {
            case .entry(let entry): entries.append(entry)
            case .problem(let problem): problems.append(problem)
            }
        }
        return (entries, problems)
    }

    /// The reason `name` names: the last row's when it is the same name.
    private static func reason(named name: ArraySlice<UInt8>, last: inout (name: ArraySlice<UInt8>, reason: Reason)?) -> Reason? {
        if let last, last.name.elementsEqual(name) { return last.reason }
        guard let reason = Reason(rawValue: String(decoding: name, as: UTF8.self)) else { return nil }
        last = (name, reason)
        return reason
    }

    /// The tier `name` names, compared on bytes with each tier's raw value.
    private static func tier(named name: ArraySlice<UInt8>) -> Tier? {
        Tier.allCases.first { name.elementsEqual($0.rawValue.utf8) }
    }

    /// A line of the table read: a row, or why it is not one.
    private enum Row {
        case entry(Entry)
        case problem(String)
    }

    /// One row: three tab-separated fields, a known reason and tier and a quoted phrase in lowercase.
    private static func row(_ line: ArraySlice<UInt8>, number: Int,
                            lastReason: inout (name: ArraySlice<UInt8>, reason: Reason)?) -> Row {
        guard let firstTab = line.firstIndex(of: 0x09), let secondTab = line[(firstTab + 1)...].firstIndex(of: 0x09),
              case let quoted = line[(secondTab + 1)...], !quoted.contains(0x09),
              quoted.count > 2, quoted.first == UInt8(ascii: "\""), quoted.last == UInt8(ascii: "\""),
              let reason = reason(named: line[..<firstTab], last: &lastReason),
              let tier = tier(named: line[(firstTab + 1)..<secondTab]) else {
            return .problem("line \(number): expected reason<TAB>tier<TAB>\"phrase\": \(String(decoding: line, as: UTF8.self))")
        }
        let phraseBytes = Array(quoted.dropFirst().dropLast())
        let phrase = String(decoding: phraseBytes, as: UTF8.self)
        let isLowercase = phraseBytes.allSatisfy { $0 < 0x80 }
            ? !phraseBytes.contains(where: PlainASCII.isUppercase) : phrase == phrase.lowercased()
        guard isLowercase else { return .problem("line \(number): phrase not lowercase: \(phrase)") }
        return .entry(Entry(reason: reason, tier: tier, text: phrase, phrase: Phrase(bytes: phraseBytes), line: number))
    }
}
