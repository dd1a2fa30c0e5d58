/// Fixed-width columns; cut text ends in `…`.
struct TableLayout {
    let titles: [String]
    let widths: [Int]

    /// `events list`: 8 + 16 + 16 + 26 + 13 + 7 + 4 and six spaces = 96 columns (KIND fits
    /// `submission_error`).
    static let events = TableLayout(titles: ["ID", "WHEN (UTC)", "KIND", "RECIPIENT", "REASON", "STATUS", "CODE"],
                                    widths: [8, 16, 16, 26, 13, 7, 4])

    func row(_ cells: [String]) -> String {
        var line = ""
        for (index, cell) in cells.enumerated() {
            let width = widths[index]
            var text = cell.count > width ? String(cell.prefix(width - 1)) + "…" : cell
            if index < cells.count - 1 { text += String(repeating: " ", count: width - text.count + 1) }
            line += text
        }
        return line + "\n"
    }
}
