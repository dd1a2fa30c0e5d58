/// A table whose columns are as wide as their longest value. Given a width (a terminal's), it
/// fits it: the optional columns (SUBJECT) appear only where enough room is left, then the
/// shrinkable ones give up columns down to their minimum and cut text ends in `…`. Without a width
/// (a pipe) nothing is ever cut, so `grep` finds every row by any full value.
struct TableLayout {
    struct Column {
        let title: String
        /// The narrowest it may be cut to; nil: never cut.
        var minimum: Int? = nil
        /// Dropped when the table would not fit with at least `minimum` columns for it.
        var optional = false
    }

    let columns: [Column]
    /// Spaces between columns.
    static let gap = 2

    /// `events list`'s columns; RECIPIENT, KIND and REASON may be cut on a narrow terminal,
    /// SUBJECT is shown where it fits.
    static let events = TableLayout(columns: [
        Column(title: "ID"), Column(title: "WHEN (UTC)"), Column(title: "KIND", minimum: 8),
        Column(title: "RECIPIENT", minimum: 12), Column(title: "REASON", minimum: 10), Column(title: "STATUS"),
        Column(title: "CODE"), Column(title: "SUBJECT", minimum: 10, optional: true),
    ])

    /// `events list`'s columns with the company's, for a listing of several companies' events.
    static let eventsWithCompany = TableLayout(columns: Array(events.columns.prefix(2))
        + [Column(title: "COMPANY", minimum: 8)] + Array(events.columns.dropFirst(2)))

    /// `events sent`'s columns, a line per recipient; EVENTS and SUBJECT give way on a narrow
    /// terminal, RECIPIENT last.
    static let sent = TableLayout(columns: [
        Column(title: "ID"), Column(title: "SENT (UTC)"), Column(title: "USER", minimum: 6),
        Column(title: "RECIPIENT", minimum: 16), Column(title: "STATE"), Column(title: "EVENTS", minimum: 14),
        Column(title: "SUBJECT", minimum: 10, optional: true),
    ])

    /// `events config company list`'s columns.
    static let companies = TableLayout(columns: [
        Column(title: "COMPANY", minimum: 8), Column(title: "EVENT ADDRESS", minimum: 16), Column(title: "MESSAGES"),
        Column(title: "EVENTS"), Column(title: "SENT"), Column(title: "PROFILES"), Column(title: "ADDED (UTC)", optional: true),
    ])

    /// `events stats --by-company`'s columns.
    static let companyCounts = TableLayout(columns: [
        Column(title: "COMPANY", minimum: 8), Column(title: "MESSAGES"), Column(title: "EVENTS"), Column(title: "FAILED"),
        Column(title: "UNVERIFIED"), Column(title: "SENT"),
    ])

    /// The rows, a title line first, each ending in a newline; no line is wider than `width`
    /// unless even the minimum widths are wider.
    func render(_ rows: [[String]], width: Int?) -> String {
        let cells = rows.map { $0.map(Self.singleLine) }
        var widths = columns.indices.map { index in
            cells.reduce(DisplayWidth.of(columns[index].title)) { max($0, DisplayWidth.of($1[index])) }
        }
        var shown = Array(columns.indices)
        if let width {
            (shown, widths) = fitted(widths, into: width)
        }
        var text = ""
        for row in [columns.map(\.title)] + cells {
            var line = ""
            for (position, index) in shown.enumerated() {
                let cell = width == nil ? row[index] : DisplayWidth.truncated(row[index], to: widths[index])
                line += cell
                if position < shown.count - 1 {
                    line += String(repeating: " ", count: widths[index] - DisplayWidth.of(cell) + Self.gap)
                }
            }
            text += line + "\n"
        }
        return text
    }

    /// The columns shown and their widths within `width`: optional columns take what is left
    /// (or go), then the widest shrinkable column gives up a column at a time.
    private func fitted(_ natural: [Int], into width: Int) -> (shown: [Int], widths: [Int]) {
        var widths = natural
        let required = columns.indices.filter { !columns[$0].optional }
        func total(_ indices: [Int]) -> Int { indices.reduce((indices.count - 1) * Self.gap) { $0 + widths[$1] } }
        var shown = required
        for index in columns.indices where columns[index].optional {
            let left = width - total(shown) - Self.gap
            if left >= min(natural[index], columns[index].minimum ?? natural[index]) {
                widths[index] = min(natural[index], left)
                shown.append(index)
            }
        }
        shown.sort()
        while total(shown) > width {
            let candidates = shown.filter { widths[$0] > (columns[$0].minimum ?? widths[$0]) }
            guard let widest = candidates.max(by: { widths[$0] < widths[$1] }) else { break }
            widths[widest] -= 1
        }
        return (shown, widths)
    }

    /// Tabs, line breaks and other control characters become spaces: one row is one line.
    static func singleLine(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : $0 }))
    }
}
