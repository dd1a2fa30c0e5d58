extension String {
    /// Every occurrence of `target` replaced; the tests avoid Foundation.
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
