/// `bounce 1400, delay 300`, largest first; `none` when empty.
func countsByKind(_ counts: [String: Int]) -> String {
    if counts.isEmpty { return "none" }
    return counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        .map { "\($0.key) \($0.value)" }.joined(separator: ", ")
}

/// Seconds with two decimals: `0.42`.
func formatSeconds(_ seconds: Double) -> String {
    let hundredths = Int((seconds * 100).rounded())
    let fraction = hundredths % 100
    return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
}
