/// Word wrapping for `events show`: a long diagnostic or remedy wraps at the terminal's width with
/// its continuation lines aligned after the label, instead of the terminal breaking it at column 0.
enum TextWrap {
    /// `text` as lines no wider than `width`: the first starts with `prefix`, the others with
    /// `indent`. Breaks only at spaces: a word longer than a line (a path, a URL) gets a line of its
    /// own and is never cut, so it can still be copied and found with `grep`. Line breaks in
    /// `text` are kept.
    static func lines(_ text: String, width: Int, prefix: String, indent: String) -> [String] {
        var lines: [String] = []
        var line = prefix
        var lineWidth = DisplayWidth.of(prefix)
        var lineIsEmpty = true
        func newLine() {
            lines.append(line)
            line = indent
            lineWidth = DisplayWidth.of(indent)
            lineIsEmpty = true
        }
        for (index, paragraph) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if index > 0 { newLine() }
            for word in paragraph.split(separator: " ") {
                let wordWidth = DisplayWidth.of(word)
                if !lineIsEmpty, lineWidth + 1 + wordWidth > width { newLine() }
                if !lineIsEmpty { line += " "; lineWidth += 1 }
                line += word
                lineWidth += wordWidth
                lineIsEmpty = false
            }
        }
        lines.append(line)
        return lines
    }
}
