/// One SMTP reply: the three-digit code, the enhanced status code if the server sent one, and the
/// text of every line (RFC 5321 §4.2, enhanced status codes RFC 2034 and RFC 3463).
public struct SMTPReply: Sendable, Equatable, CustomStringConvertible {
    /// The reply code, e.g. 250, 334, 535.
    public var code: Int
    /// The enhanced status code at the start of the first line's text, e.g. `5.7.8`.
    public var enhancedStatus: String?
    /// Every line's text without the code and separator (`250-`, `535 `), lines joined with "\n".
    public var text: String

    public init(code: Int, enhancedStatus: String?, text: String) {
        self.code = code
        self.enhancedStatus = enhancedStatus
        self.text = text
    }

    /// A reply from its lines' text (code prefix removed); the enhanced status is read from the first.
    public init(code: Int, lines: [String]) {
        self.code = code
        text = lines.joined(separator: "\n")
        enhancedStatus = lines.first.flatMap(Self.enhancedStatus(at:))
    }

    // status-code = class "." subject "." detail         (RFC 3463 §2)
    // class = "2" / "4" / "5"; subject = 1*3digit; detail = 1*3digit
    static func enhancedStatus(at line: String) -> String? {
        let token = line.prefix(while: { $0 != " " })
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, ["2", "4", "5"].contains(parts[0]),
              parts.dropFirst().allSatisfy({ (1...3).contains($0.count) && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) })
        else { return nil }
        return String(token)
    }

    /// 2xx.
    public var isPositive: Bool { (200..<300).contains(code) }
    /// 4xx: the same command may work later.
    public var isTransient: Bool { (400..<500).contains(code) }

    /// `535 5.7.8 Error: authentication failed` (lines joined with spaces).
    public var description: String {
        let flat = text.split(separator: "\n").joined(separator: " ")
        return flat.isEmpty ? "\(code)" : "\(code) \(flat)"
    }
}
